"""Write the validated catalog into Saleor's models, changing only what differs.

Every write goes through `upsert`, which compares before saving, so a second run with the
same file reports zero changes and touches no row.
"""
import hashlib
import json
from pathlib import Path
from typing import Any, Dict, List, Tuple

from django.contrib.auth.models import Group, Permission
from django.contrib.sites.models import Site
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from measurement.measures import Weight
from saleor.account.models import Address, User
from saleor.app.models import App, AppToken
from saleor.discount import DiscountValueType, VoucherType
from saleor.discount.models import Voucher
from saleor.product.models import Category, Product, ProductImage, ProductType, ProductVariant
from saleor.product.utils.variant_prices import update_product_minimal_variant_price
from saleor.shipping import ShippingMethodType
from saleor.shipping.models import ShippingMethod, ShippingZone
from saleor.warehouse.models import Stock, Warehouse

from . import catalog_file


class SeedReport:
    def __init__(self) -> None:
        self.changes: List[str] = []

    def record(self, description: str) -> None:
        self.changes.append(description)


def upsert(model, lookup: Dict[str, Any], values: Dict[str, Any], report: SeedReport) -> Any:
    """Create the row or update the fields that differ; report what happened."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model.objects.create(**lookup, **values)
        report.record(f"created {model.__name__} {lookup}")
        return instance
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.save()
        report.record(f"updated {model.__name__} {lookup}: {', '.join(changed)}")
    return instance


def description_json(paragraphs: List[str]) -> Dict[str, Any]:
    """Saleor 2.10 stores rich text as Draft.js raw content; one block per paragraph."""
    blocks = [
        {
            "key": hashlib.sha1(text.encode()).hexdigest()[:5],
            "data": {},
            "text": text,
            "type": "unstyled",
            "depth": 0,
            "entityRanges": [],
            "inlineStyleRanges": [],
        }
        for text in paragraphs
    ]
    return {"blocks": blocks, "entityMap": {}}


def seed_site(data: catalog_file.Catalog, report: SeedReport) -> None:
    site = Site.objects.get_current()
    upsert(Site, {"pk": site.pk}, {"name": data.shop.name, "domain": data.shop.domain}, report)
    upsert(
        type(site.settings),
        {"pk": site.settings.pk},
        {
            "description": data.shop.description,
            "default_weight_unit": data.shop.default_weight_unit,
        },
        report,
    )


def seed_shipping(data: catalog_file.Catalog, report: SeedReport) -> List[ShippingZone]:
    """One shipping zone per market, listing exactly the market's countries. No zone is Saleor's
    default (rest of the world): a country no market lists gets no shipping method, and
    Saleor's Stock.for_country finds no stock for it, so it cannot be bought from."""
    zones = []
    for zone_data in data.markets:
        zone = upsert(
            ShippingZone,
            {"name": zone_data.name},
            {"countries": zone_data.countries, "default": False},
            report,
        )
        for method in zone_data.methods:
            upsert(
                ShippingMethod,
                {"shipping_zone": zone, "name": method.name},
                {
                    "type": ShippingMethodType.PRICE_BASED,
                    "price_amount": method.price,
                    "currency": data.currency,
                },
                report,
            )
        # A renamed or dropped method goes: buyers must not be offered what the file no longer
        # lists (orders keep their method's name; Saleor unlinks them on delete).
        stale = zone.shipping_methods.exclude(name__in=[method.name for method in zone_data.methods])
        for method in stale:
            report.record(f"removed ShippingMethod {method.name!r} from {zone.name}")
        stale.delete()
        zones.append(zone)
    # A zone the file no longer names (a renamed market, the old catch-all zone) would keep
    # selling to its countries, sanctioned ones included.
    for zone in ShippingZone.objects.exclude(pk__in=[zone.pk for zone in zones]):
        report.record(f"removed ShippingZone {zone.name!r}")
        zone.delete()
    return zones


def seed_warehouse(
    data: catalog_file.Catalog, zones: List[ShippingZone], report: SeedReport
) -> Warehouse:
    address_values = data.warehouse.address.model_dump()
    warehouse = Warehouse.objects.filter(slug=data.warehouse.slug).first()
    if warehouse is None:
        address = Address.objects.create(**address_values)
        warehouse = Warehouse.objects.create(
            slug=data.warehouse.slug,
            name=data.warehouse.name,
            email=data.warehouse.email,
            company_name=data.warehouse.address.company_name,
            address=address,
        )
        report.record(f"created Warehouse {data.warehouse.slug}")
    else:
        upsert(Address, {"pk": warehouse.address_id}, address_values, report)
        upsert(
            Warehouse,
            {"pk": warehouse.pk},
            {
                "name": data.warehouse.name,
                "email": data.warehouse.email,
                "company_name": data.warehouse.address.company_name,
            },
            report,
        )
    if set(warehouse.shipping_zones.all()) != set(zones):
        warehouse.shipping_zones.set(zones)
        report.record(f"linked Warehouse {warehouse.slug} to {len(zones)} shipping zones")
    return warehouse


def seed_pictures(
    product: Product, pictures: List[catalog_file.Picture], pictures_dir: Path, report: SeedReport
) -> None:
    """Pictures are stored under a name holding their content hash, so an edited file is a new picture."""
    wanted_names = []
    for sort_order, picture in enumerate(pictures):
        content = (pictures_dir / picture.file).read_bytes()
        digest = hashlib.sha256(content).hexdigest()[:12]
        source = Path(picture.file)
        # ProductImage.image has upload_to="products", so this is the name the file gets.
        name = f"products/{product.slug}-{source.stem}-{digest}{source.suffix}"
        wanted_names.append(name)
        image = ProductImage.objects.filter(product=product, image=name).first()
        if image is None:
            image = ProductImage(product=product, alt=picture.alt, sort_order=sort_order)
            # A leftover file of that name would make the storage pick another name.
            default_storage.delete(name)
            image.image.save(Path(name).name, ContentFile(content), save=False)
            image.save()
            report.record(f"added picture {name}")
        elif (image.alt, image.sort_order) != (picture.alt, sort_order):
            image.alt, image.sort_order = picture.alt, sort_order
            image.save()
            report.record(f"updated picture {name}")
    for stale in product.images.exclude(image__in=wanted_names):
        stale_name = stale.image.name
        stale.image.delete(save=False)
        stale.delete()
        report.record(f"removed picture {stale_name}")


def seed_products(
    data: catalog_file.Catalog, warehouse: Warehouse, pictures_dir: Path, report: SeedReport
) -> None:
    category = upsert(
        Category,
        {"slug": data.category.slug},
        {"name": data.category.name, "description": data.category.description},
        report,
    )
    product_type = upsert(
        ProductType,
        {"slug": data.product_type.slug},
        {
            "name": data.product_type.name,
            "has_variants": False,
            "is_shipping_required": data.product_type.is_shipping_required,
        },
        report,
    )
    for product_data in data.products:
        weight = Weight(g=product_data.weight_grams)
        product = upsert(
            Product,
            {"slug": product_data.slug},
            {
                "name": product_data.name,
                "product_type": product_type,
                "category": category,
                "description": "\n\n".join(product_data.description),
                "description_json": description_json(product_data.description),
                "price_amount": product_data.price,
                "currency": data.currency,
                "weight": weight,
                "seo_title": product_data.seo_title,
                "seo_description": product_data.seo_description,
                "is_published": True,
            },
            report,
        )
        seed_product_page_facts(product, product_data, report)
        update_product_minimal_variant_price(product)
        variant = upsert(
            ProductVariant,
            {"sku": product_data.sku},
            {"product": product, "name": product_data.name, "track_inventory": True},
            report,
        )
        # Stock is the starting quantity only: once the shop sells, Saleor's stock is the
        # truth, and re-running the seed must not put sold units back on the shelf.
        _, created = Stock.objects.get_or_create(
            warehouse=warehouse,
            product_variant=variant,
            defaults={"quantity": product_data.stock},
        )
        if created:
            report.record(f"stocked {product_data.stock} of {product_data.sku}")
        seed_pictures(product, product_data.pictures, pictures_dir, report)


def product_page_facts(product_data: catalog_file.Product) -> Dict[str, str]:
    """The product page's specifications (the weight from `weight_grams`, second) and FAQ, as
    public metadata: JSON lists under `specifications` and `faq`, which the storefront reads."""
    specifications = [{"name": spec.name, "value": spec.value} for spec in product_data.specifications]
    specifications.insert(min(1, len(specifications)), {"name": "Weight", "value": f"{product_data.weight_grams} g"})
    faq = [{"question": item.question, "answer": item.answer} for item in product_data.faq]
    return {"specifications": json.dumps(specifications, ensure_ascii=False),
            "faq": json.dumps(faq, ensure_ascii=False)}


def seed_product_page_facts(product: Product, product_data: catalog_file.Product, report: SeedReport) -> None:
    wanted = product_page_facts(product_data)
    metadata = product.metadata or {}
    if any(metadata.get(key) != value for key, value in wanted.items()):
        product.metadata = {**metadata, **wanted}  # other keys (set elsewhere) stay
        product.save(update_fields=["metadata"])
        report.record(f"updated Product {{'slug': {product.slug!r}}}: specifications, faq")


def seed_staff(staff: catalog_file.Staff, password: str, report: SeedReport) -> None:
    user = User.objects.filter(email=staff.email).first()
    if user is None:
        user = User.objects.create_user(staff.email, password, is_staff=True)
        report.record(f"created staff account {staff.email}")
    elif not user.is_staff or not user.is_active:
        user.is_staff = user.is_active = True
        user.save(update_fields=["is_staff", "is_active"])
        report.record(f"re-enabled staff account {staff.email}")
    if (user.first_name, user.last_name) != (staff.first_name, staff.last_name):
        user.first_name, user.last_name = staff.first_name, staff.last_name
        user.save(update_fields=["first_name", "last_name"])
        report.record(f"named staff account {staff.email} {staff.first_name} {staff.last_name}")
    if not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
        report.record(f"set the password of {staff.email} from the environment")
    wanted = set(_permissions(staff.permissions))
    if set(user.user_permissions.all()) != wanted:
        user.user_permissions.set(wanted)
        report.record(f"granted {len(wanted)} permissions to {staff.email}")


def seed_permission_groups(groups: List[catalog_file.PermissionGroup], report: SeedReport) -> None:
    """Saleor 2.10 grants staff their permissions through groups; invitations name one."""
    for index, group_data in enumerate(groups):
        group = upsert(Group, {"name": group_data.name}, {}, report)
        wanted = set(_permissions(group_data.permissions, f"permission_groups[{index}].permissions"))
        if set(group.permissions.all()) != wanted:
            group.permissions.set(wanted)
            report.record(f"granted {len(wanted)} permissions to group {group.name}")


def seed_vouchers(data: catalog_file.Catalog, report: SeedReport) -> None:
    for voucher in data.vouchers:
        upsert(
            Voucher,
            {"code": voucher.code},
            {
                "name": voucher.name,
                "type": VoucherType.ENTIRE_ORDER,
                "discount_value_type": DiscountValueType.PERCENTAGE,
                "discount_value": voucher.percent_off,
                "currency": data.currency,
            },
            report,
        )
    offer = data.multi_buy
    if offer is not None:
        upsert(
            Voucher,
            {"code": offer.code},
            {
                "name": offer.name,
                "type": VoucherType.ENTIRE_ORDER,
                "discount_value_type": DiscountValueType.FIXED,
                "discount_value": offer.amount_off,
                "min_checkout_items_quantity": offer.min_quantity,
                "currency": data.currency,
            },
            report,
        )


def seed_storefront_app(app_data: catalog_file.StorefrontApp, token: str, report: SeedReport) -> None:
    """The storefront's own Saleor identity: it captures, voids and reads payments with it."""
    app = upsert(App, {"name": app_data.name}, {"is_active": True}, report)
    wanted = set(_permissions(app_data.permissions, "storefront_app.permissions"))
    if set(app.permissions.all()) != wanted:
        app.permissions.set(wanted)
        report.record(f"granted {len(wanted)} permissions to app {app.name}")
    if not app.tokens.filter(auth_token=token).exists():
        app.tokens.all().delete()
        AppToken.objects.create(app=app, name="storefront", auth_token=token)
        report.record(f"set the token of app {app.name} from the environment")


def _permissions(codes: List[str], field: str = "staff.permissions") -> List[Permission]:
    pairs: List[Tuple[str, str]] = [tuple(code.split(".", 1)) for code in codes]  # type: ignore
    found = []
    for app_label, codename in pairs:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is None:
            raise catalog_file.CatalogFileError(f"{field}: unknown permission {app_label}.{codename}")
        found.append(permission)
    return found


@transaction.atomic
def seed_catalog(path: Path, staff_password: str, app_token: str) -> SeedReport:
    data = catalog_file.load_catalog(path)
    report = SeedReport()
    seed_site(data, report)
    zones = seed_shipping(data, report)
    warehouse = seed_warehouse(data, zones, report)
    seed_products(data, warehouse, path.parent, report)
    seed_vouchers(data, report)
    seed_staff(data.staff, staff_password, report)
    seed_permission_groups(data.permission_groups, report)
    seed_storefront_app(data.storefront_app, app_token, report)
    return report
