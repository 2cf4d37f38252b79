from django.apps import AppConfig


class BusinessCaseConfig(AppConfig):
    name = "businesscase"
    verbose_name = "Business cases"

    def ready(self) -> None:
        # Plug into the core (outsourcing.hooks): it imports no app.
        from businesscase import demo
        from outsourcing.hooks import demo_register

        demo_register(self.name, demo.demo_step)
