import re
import unicodedata

WORD = re.compile(r"[\w']+")


def slugify(title: str, max_length: int = 60) -> str:
    normalized = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", normalized.lower()).strip("-")
    return slug[:max_length].rstrip("-")


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def reading_minutes(text: str, words_per_minute: int = 220) -> int:
    return max(1, round(word_count(text) / words_per_minute))


def excerpt(text: str, limit: int = 160) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + "…"
