"""Building the import plan: each row parsed, resolved and matched against the catalog.

See `vendors.catalog_io.plan` for what a plan holds and the matching rules.
"""

from collections import defaultdict

from outsourcing.imports.plan import ParsedRow, Problem
from outsourcing.imports.reader import Table
from vendors.catalog_io.files import CatalogTables
from vendors.catalog_io.plan import ImportPlan, KindPlan, RowOutcome
from vendors.catalog_io.schema import (
    CENTRES,
    CERTIFICATIONS,
    KINDS,
    OFFERINGS,
    RATES,
    VENDORS,
    Kind,
    quoted,
)
from vendors.models import (
    Certification,
    DeliveryCentre,
    Offering,
    RateCard,
    ServiceLine,
    Vendor,
    VendorStatus,
)
from vendors.normalise import vendor_name_key, website_domain


class CatalogState:
    """What the catalog holds now, loaded once per plan (a few queries, no N+1)."""

    def __init__(self, kinds: set[str]):
        self.vendors_by_key: dict[str, list[Vendor]] = defaultdict(list)
        self.vendors_by_domain: dict[str, list[Vendor]] = defaultdict(list)
        for vendor in Vendor.objects.all():
            self.vendors_by_key[vendor.name_key].append(vendor)
            if vendor.website_domain:
                self.vendors_by_domain[vendor.website_domain].append(vendor)
        self.service_lines: dict[str, ServiceLine] = {}
        for line in ServiceLine.objects.all():
            self.service_lines[line.code.casefold()] = line
            self.service_lines.setdefault(line.name.casefold(), line)
        self.offerings = (
            {(o.vendor_id, o.service_line_id): o for o in Offering.objects.all()}
            if OFFERINGS.name in kinds
            else {}
        )
        self.centres = (
            {
                (c.vendor_id, c.country.code, c.city.casefold()): c
                for c in DeliveryCentre.objects.all()
            }
            if CENTRES.name in kinds
            else {}
        )
        self.certifications = (
            {(c.vendor_id, c.kind, c.number): c for c in Certification.objects.all()}
            if CERTIFICATIONS.name in kinds
            else {}
        )
        self.rates = (
            {_rate_key(r.vendor_id, r): r for r in RateCard.objects.all()}
            if RATES.name in kinds
            else {}
        )


def _rate_key(vendor_ref, rate: RateCard) -> tuple:
    return (
        vendor_ref,
        rate.service_line_id,
        str(rate.delivery_country),
        rate.currency,
        rate.unit,
        rate.valid_from,
    )


def _parse(kind: Kind, table: Table, plan: ImportPlan) -> list[ParsedRow] | None:
    """Parse a table's cells; None (and file errors) when its header is unusable."""
    rows, problems = kind.schema.parse(table)
    if rows is None:
        plan.problems.extend(problems)
    return rows


def _reject(kind_plan: KindPlan, row: ParsedRow, label: str, *extra: str) -> None:
    errors = [*(str(problem) for problem in row.problems), *extra]
    kind_plan.outcomes.append(RowOutcome(row.number, label, "reject", errors=errors))


def _apply_values(instance, kind: Kind, values: dict, kind_plan: KindPlan) -> list[str]:
    """Set `values` on `instance`; the list of “field: old → new” that actually changed."""
    changes = []
    for name, value in values.items():
        model_field = kind.column(name).model_field
        if model_field == "vendor":
            continue
        old = getattr(instance, model_field)
        new = value
        comparable = str(old) if model_field.endswith("country") else old
        if comparable != new:
            changes.append(f"{name}: {_show(old)} → {_show(new)}")
            setattr(instance, model_field, new)
            kind_plan.update_fields.add(model_field)
    return changes


def _show(value) -> str:
    if value in (None, "", []):
        return "—"
    if isinstance(value, list):
        return ", ".join(value)
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


class Planner:
    def __init__(self, catalog: CatalogTables):
        self.catalog = catalog
        self.plan = ImportPlan(
            problems=[Problem(error) for error in catalog.errors], notices=list(catalog.notices)
        )
        self.state = CatalogState(set(catalog.tables))
        # Vendors the file defines: name key → existing Vendor or None (created by the file).
        self.file_vendors: dict[str, Vendor | None] = {}
        self.rejected_vendors: dict[str, int] = {}

    def build(self) -> ImportPlan:
        for kind, method in (
            (VENDORS, self._vendors),
            (OFFERINGS, self._offerings),
            (CENTRES, self._centres),
            (CERTIFICATIONS, self._certifications),
            (RATES, self._rates),
        ):
            table = self.catalog.tables.get(kind.name)
            if table is None:
                continue
            kind_plan = KindPlan(kind, source=self.catalog.sources.get(kind.name, ""))
            self.plan.kinds[kind.name] = kind_plan
            rows = _parse(kind, table, self.plan)
            if rows is not None:
                method(rows, kind_plan)
        return self.plan

    # Vendors -------------------------------------------------------------------------------

    def _vendors(self, rows: list[ParsedRow], kind_plan: KindPlan) -> None:
        """Each vendor row: checked against the file and the catalog, then created or updated."""
        seen_keys: dict[str, int] = {}
        seen_domains: dict[str, int] = {}
        for row in rows:
            name = row.values.get("legal_name") or row.raw.get("legal_name", "")
            key = vendor_name_key(name) if isinstance(name, str) else ""
            where = f"vendors row {row.number}"
            errors, target = self._vendor_name_problems(where, name, key, seen_keys)
            domain = website_domain(row.values.get("website") or "")
            errors += self._vendor_website_problems(where, domain, target, seen_domains)
            if key:
                seen_keys.setdefault(key, row.number)
            if domain:
                seen_domains.setdefault(domain, row.number)
            label = name or "(no name)"
            if row.problems or errors:
                _reject(kind_plan, row, label, *errors)
                if key:
                    self.rejected_vendors.setdefault(key, row.number)
                continue
            values = dict(row.values)
            if not values.get("status"):
                values.pop("status", None)
            if target is not None:
                self._vendor_update(row, label, target, key, values, kind_plan)
            else:
                self._vendor_create(row, label, key, domain, values, kind_plan)
        kind_plan.update_fields.update({"name_key", "website_domain"} if kind_plan.updates else ())

    def _vendor_name_problems(
        self, where: str, name: str, key: str, seen_keys: dict[str, int]
    ) -> tuple[list[str], Vendor | None]:
        """Problems with a vendor row's legal name, and the catalog vendor it names, if one."""
        errors = []
        if name and not key:
            errors.append(f"{where}, column legal_name: {quoted(name)} has no letters.")
        if key in seen_keys:
            errors.append(
                f"{where}, column legal_name: {quoted(name)} is the same vendor as vendors "
                f"row {seen_keys[key]} (names match once case, punctuation and legal forms "
                "are ignored)."
            )
        existing = self.state.vendors_by_key.get(key, []) if key else []
        if len(existing) > 1:
            names = ", ".join(quoted(v.legal_name) for v in existing[:3])
            errors.append(
                f"{where}, column legal_name: {quoted(name)} matches {len(existing)} vendors "
                f"in the catalog ({names}); merge them first."
            )
        return errors, existing[0] if len(existing) == 1 else None

    def _vendor_website_problems(
        self, where: str, domain: str, target: Vendor | None, seen_domains: dict[str, int]
    ) -> list[str]:
        """A website another row of the file, or another catalog vendor, already has."""
        if not domain:
            return []
        errors = []
        if domain in seen_domains:
            errors.append(
                f"{where}, column website: {domain} is also the website of vendors row "
                f"{seen_domains[domain]}; is it the same vendor?"
            )
        others = [v for v in self.state.vendors_by_domain.get(domain, []) if v is not target]
        if others and (target is None or domain != target.website_domain):
            errors.append(
                f"{where}, column website: {domain} is the website of "
                f"{quoted(others[0].legal_name)}, already in the catalog; use that name "
                "if it is the same vendor, or merge the two after importing."
            )
        return errors

    def _vendor_update(self, row, label, target: Vendor, key, values, kind_plan) -> None:
        changes = _apply_values(target, VENDORS, values, kind_plan)
        target.name_key, target.website_domain = key, website_domain(target.website)
        self.file_vendors[key] = target
        if changes:
            kind_plan.updates.append(target)
            kind_plan.outcomes.append(RowOutcome(row.number, label, "update", changes))
        else:
            kind_plan.outcomes.append(RowOutcome(row.number, label, "unchanged"))

    def _vendor_create(self, row, label, key, domain, values, kind_plan) -> None:
        vendor = Vendor(status=VendorStatus.PROSPECT, languages=[])
        _apply_values(vendor, VENDORS, values, KindPlan(VENDORS))
        vendor.legal_name = " ".join(vendor.legal_name.split())
        vendor.name_key, vendor.website_domain = key, domain
        self.file_vendors[key] = None
        kind_plan.creates.append(vendor)
        kind_plan.outcomes.append(RowOutcome(row.number, label, "create"))

    def _vendor_ref(self, kind: Kind, row: ParsedRow) -> tuple[object, str | None]:
        """(vendor id, or ("new", key) for a vendor this file creates; error or None)."""
        name = row.values.get("vendor") or ""
        key = vendor_name_key(name)
        where = f"{kind.name} row {row.number}, column vendor"
        if not key:
            return None, None  # already reported as required
        if key in self.file_vendors:
            vendor = self.file_vendors[key]
            return (vendor.pk if vendor is not None else ("new", key)), None
        if key in self.rejected_vendors:
            return None, (
                f"{where}: {quoted(name)} is rejected in vendors row {self.rejected_vendors[key]}."
            )
        existing = self.state.vendors_by_key.get(key, [])
        if not existing:
            return None, f"{where}: {quoted(name)} is neither in the vendors rows nor the catalog."
        if len(existing) > 1:
            return (
                None,
                f"{where}: {quoted(name)} matches {len(existing)} vendors; merge them first.",
            )
        return existing[0].pk, None

    def _service_line(self, kind: Kind, row: ParsedRow) -> tuple[ServiceLine | None, str | None]:
        code = row.values.get("service_line") or ""
        if not code:
            return None, None
        line = self.state.service_lines.get(code.casefold())
        if line is None:
            codes = sorted({line.code for line in self.state.service_lines.values()})
            examples = ", ".join(codes[:3]) if codes else "none exist yet"
            return None, (
                f"{kind.name} row {row.number}, column service_line: {quoted(code)} is not a "
                f"service line code (e.g. {examples})."
            )
        return line, None

    def _children(
        self,
        rows: list[ParsedRow],
        kind_plan: KindPlan,
        *,
        make_key,
        existing: dict,
        new_instance,
        label,
        check=None,
    ) -> None:
        """Rows of a vendor's records (offerings, centres …): each resolved to its vendor and
        service line, matched on `make_key`, then created, updated or left unchanged."""
        kind = kind_plan.kind
        seen: dict[tuple, int] = {}
        for row in rows:
            vendor_ref, service_line, errors = self._child_references(kind, row, check)
            row_label = label(row)
            if row.problems or errors or vendor_ref is None:
                _reject(kind_plan, row, row_label, *errors)
                continue
            key = make_key(vendor_ref, row, service_line)
            if key in seen:
                again = f"{kind.name} row {row.number}: the same record as {kind.name} row "
                _reject(kind_plan, row, row_label, f"{again}{seen[key]}.")
                continue
            seen[key] = row.number
            current = existing.get(key) if not isinstance(vendor_ref, tuple) else None
            instance = current or new_instance()
            if service_line is not None:
                instance.service_line = service_line
            self._child_outcome(row, row_label, vendor_ref, instance, current, kind_plan, check)

    def _child_references(self, kind: Kind, row: ParsedRow, check):
        """(vendor reference, service line, problems) of a child row."""
        errors = []
        vendor_ref, error = self._vendor_ref(kind, row)
        if error:
            errors.append(error)
        service_line = None
        if kind.column("service_line"):
            service_line, error = self._service_line(kind, row)
            if error:
                errors.append(error)
        if check:
            errors.extend(
                f"{kind.name} row {row.number}, column {column}: {message}"
                for column, message in check(row.values)
            )
        return vendor_ref, service_line, errors

    def _child_outcome(self, row, row_label, vendor_ref, instance, current, kind_plan, check):
        """Apply the row to its record and say whether that creates, updates or changes it."""
        kind = kind_plan.kind
        values = {k: v for k, v in row.values.items() if k not in ("vendor", "service_line")}
        scratch = KindPlan(kind) if current is None else kind_plan
        changes = _apply_values(instance, kind, values, scratch)
        if check and current is not None:
            # The file may give only some columns: check the record as it would end up.
            merged = {c.name: getattr(instance, c.model_field) for c in kind.columns[1:]}
            problems = [
                f"{kind.name} row {row.number}, column {column}: {message}"
                for column, message in check(merged)
            ]
            if problems:
                _reject(kind_plan, row, row_label, *problems)
                return
        if current is None:
            if isinstance(vendor_ref, tuple):
                instance._vendor_key = vendor_ref[1]
            else:
                instance.vendor_id = vendor_ref
            kind_plan.creates.append(instance)
            kind_plan.outcomes.append(RowOutcome(row.number, row_label, "create"))
        elif changes:
            kind_plan.updates.append(instance)
            kind_plan.outcomes.append(RowOutcome(row.number, row_label, "update", changes))
        else:
            kind_plan.outcomes.append(RowOutcome(row.number, row_label, "unchanged"))

    def _offerings(self, rows, kind_plan):
        self._children(
            rows,
            kind_plan,
            make_key=lambda ref, row, line: (ref, line.pk),
            existing=self.state.offerings,
            new_instance=Offering,
            label=lambda row: f"{row.raw.get('vendor')} · {row.raw.get('service_line')}",
        )

    def _centres(self, rows, kind_plan):
        self._children(
            rows,
            kind_plan,
            make_key=lambda ref, row, _: (
                ref,
                row.values["country"],
                row.values["city"].casefold(),
            ),
            existing=self.state.centres,
            new_instance=DeliveryCentre,
            label=lambda row: f"{row.raw.get('vendor')} · {row.raw.get('city')}",
        )

    def _certifications(self, rows, kind_plan):
        def check(values):
            issued, expires = values.get("issued"), values.get("expires")
            if issued and expires and expires <= issued:
                yield (
                    "expires",
                    (
                        f"{quoted(expires.isoformat())} is not after the issue date "
                        f"{issued.isoformat()}."
                    ),
                )

        self._children(
            rows,
            kind_plan,
            make_key=lambda ref, row, _: (ref, row.values["type"], row.values.get("number") or ""),
            existing=self.state.certifications,
            new_instance=lambda: Certification(number="", issuer=""),
            label=lambda row: f"{row.raw.get('vendor')} · {row.raw.get('type')}",
            check=check,
        )

    def _rates(self, rows, kind_plan):
        def check(values):
            valid_from, valid_to = values.get("valid_from"), values.get("valid_to")
            if valid_from and valid_to and valid_to < valid_from:
                yield (
                    "valid_to",
                    (
                        f"{quoted(valid_to.isoformat())} is before valid_from "
                        f"{valid_from.isoformat()}."
                    ),
                )

        def key(ref, row, line):
            values = row.values
            return (
                ref,
                line.pk,
                values["delivery_country"],
                values["currency"],
                values["unit"],
                values["valid_from"],
            )

        self._children(
            rows,
            kind_plan,
            make_key=key,
            existing=self.state.rates,
            new_instance=RateCard,
            label=lambda row: (
                f"{row.raw.get('vendor')} · {row.raw.get('service_line')} · "
                f"{row.raw.get('currency')} {row.raw.get('rate')}/{row.raw.get('unit')}"
            ),
            check=check,
        )


def catalog_plan(catalog: CatalogTables) -> ImportPlan:
    """What importing these tables would create, update, leave and reject (writes nothing)."""
    return Planner(catalog).build()


__all__ = ["KINDS", "ImportPlan", "catalog_plan"]
