import logging
from string import Template

log = logging.getLogger(__name__)

CONFIRMATION = Template("Hello $name, your order $order_id totals $total.")


def format_money(amount, currency: str = "EUR") -> str:
    return f"{amount:,.2f} {currency}"


def send_email(to_address: str, subject: str, body: str) -> bool:
    if "@" not in to_address:
        log.warning("not an email address: %s", to_address)
        return False
    log.info("mail to %s: %s", to_address, subject)
    return True
