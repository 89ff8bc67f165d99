from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class Product:
    sku: str
    name: str
    unit_price: Decimal
    weight_grams: int = 0
    tags: list[str] = field(default_factory=list)

    def is_heavy(self) -> bool:
        return self.weight_grams > 5000


@dataclass
class LineItem:
    product: Product
    quantity: int

    def subtotal(self) -> Decimal:
        return self.product.unit_price * self.quantity


@dataclass
class Customer:
    customer_id: str
    email: str
    country_code: str
    loyalty_points: int = 0


@dataclass
class Order:
    order_id: str
    customer: Customer
    items: list[LineItem] = field(default_factory=list)
    coupon_code: str | None = None

    def add_item(self, product: Product, quantity: int = 1) -> None:
        self.items.append(LineItem(product, quantity))

    def total_weight(self) -> int:
        return sum(item.product.weight_grams * item.quantity for item in self.items)
