from django.apps import AppConfig


class BusinessCaseConfig(AppConfig):
    name = "businesscase"
    verbose_name = "Business cases"

    def ready(self) -> None:
        # Plug into the core (outsourcing.hooks): it imports no app.
        from businesscase import demo
        from businesscase.services import projected_saving_refresh_one, projected_savings_refresh
        from outsourcing.hooks import (
            demo_register,
            function_saved_register,
            functions_imported_register,
        )

        demo_register(self.name, demo.demo_step)
        function_saved_register(self.name, projected_saving_refresh_one)
        functions_imported_register(
            self.name, lambda workspace: projected_savings_refresh(workspace=workspace)
        )
