from decimal import Decimal, ROUND_HALF_UP

from models import Order, LineItem

VAT_RATES = {"DE": Decimal("0.19"), "FR": Decimal("0.20"), "GB": Decimal("0.20"), "US": Decimal("0")}
COUPONS = {"WELCOME10": Decimal("0.10"), "VIP25": Decimal("0.25")}


def round_money(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def vat_rate_for(country_code: str) -> Decimal:
    return VAT_RATES.get(country_code, Decimal("0.21"))


def coupon_discount(coupon_code: str | None, amount: Decimal) -> Decimal:
    if coupon_code is None:
        return Decimal("0")
    rate = COUPONS.get(coupon_code.upper(), Decimal("0"))
    return round_money(amount * rate)


def shipping_cost(total_weight_grams: int, country_code: str) -> Decimal:
    base = Decimal("4.90") if country_code in VAT_RATES else Decimal("14.90")
    extra_kilos = max(0, total_weight_grams - 2000) // 1000
    return base + Decimal("1.50") * extra_kilos


def order_net_total(order: Order) -> Decimal:
    net = sum((item.subtotal() for item in order.items), Decimal("0"))
    return net - coupon_discount(order.coupon_code, net)


def order_gross_total(order: Order) -> Decimal:
    net = order_net_total(order)
    vat = round_money(net * vat_rate_for(order.customer.country_code))
    shipping = shipping_cost(order.total_weight(), order.customer.country_code)
    return round_money(net + vat + shipping)
