import uuid

from models import Customer, Order, Product
from inventory import Warehouse, OutOfStock
from pricing import order_gross_total, coupon_discount, order_net_total
from notify import send_email, format_money, CONFIRMATION


class CheckoutError(Exception):
    pass


def new_order(customer: Customer, coupon_code: str | None = None) -> Order:
    return Order(order_id=uuid.uuid4().hex[:12], customer=customer, coupon_code=coupon_code)


def checkout(order: Order, warehouse: Warehouse) -> str:
    if not order.items:
        raise CheckoutError("the cart is empty")
    try:
        warehouse.reserve_items(order.items)
    except OutOfStock as err:
        raise CheckoutError(f"cannot ship {err.sku}") from err
    total = order_gross_total(order)
    saved = coupon_discount(order.coupon_code, order_net_total(order))
    body = CONFIRMATION.substitute(name=order.customer.email, order_id=order.order_id, total=format_money(total))
    if saved > 0:
        body += f" You saved {format_money(saved)}."
    send_email(order.customer.email, "Your order", body)
    order.customer.loyalty_points += int(total)
    return order.order_id


def quick_buy(customer: Customer, product: Product, warehouse: Warehouse) -> str:
    order = new_order(customer)
    order.add_item(product, 1)
    return checkout(order, warehouse)
