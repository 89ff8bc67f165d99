from collections import defaultdict

from models import Product, LineItem


class OutOfStock(Exception):
    def __init__(self, sku: str, wanted: int, available: int):
        super().__init__(f"{sku}: wanted {wanted}, only {available} left")
        self.sku = sku
        self.wanted = wanted
        self.available = available


class Warehouse:
    def __init__(self, name: str):
        self.name = name
        self.stock: dict[str, int] = defaultdict(int)
        self.reserved: dict[str, int] = defaultdict(int)

    def receive(self, product: Product, quantity: int) -> None:
        self.stock[product.sku] += quantity

    def available(self, sku: str) -> int:
        return self.stock[sku] - self.reserved[sku]

    def reserve_items(self, items: list[LineItem]) -> None:
        for item in items:
            left = self.available(item.product.sku)
            if left < item.quantity:
                raise OutOfStock(item.product.sku, item.quantity, left)
        for item in items:
            self.reserved[item.product.sku] += item.quantity

    def release_items(self, items: list[LineItem]) -> None:
        for item in items:
            self.reserved[item.product.sku] -= item.quantity
