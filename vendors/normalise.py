"""The keys duplicate detection compares: a vendor's normalised name and website domain.

Two records are probably the same company when their legal names agree once case,
accents, punctuation and the legal form ("Ltd", "GmbH", "Pvt. Ltd.") are set aside, or when
their websites are on the same registered host ("https://www.acme.com/en" and
"acme.com"). Both keys are deliberately coarse: they flag, and a curator decides.
"""

import re
import unicodedata
from urllib.parse import urlsplit

# Legal forms and filler words that do not tell two companies apart. Matched as whole
# words at the end of the name, repeatedly ("Infotech Services Pvt Ltd" → "infotech services").
_LEGAL_FORMS_TEXT = (
    "ab ad ag as asa bhd bv co company corp corporation cv de eood gmbh inc incorporated jsc "
    "kft kg lda limited llc llp lp ltd ltda nv oy oo plc pte pty pvt private sa sae sarl sas "
    "sdn se spa sl sp srl sro z"
)
LEGAL_FORMS = frozenset(_LEGAL_FORMS_TEXT.split())
_NON_WORD = re.compile(r"[^\w]+")


def vendor_name_key(name: str) -> str:
    """“Acme Services Pvt. Ltd.” → “acme services”; “Ácmé, S.A.” → “acme”."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    # Dots join abbreviations ("S.A.", "o.o.") rather than separate words.
    text = text.replace("&", " and ").replace(".", "")
    words = [word for word in _NON_WORD.sub(" ", text).replace("_", " ").split() if word]
    if words and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words.pop()
    return " ".join(words)


def website_url(url: str) -> str:
    """A website as typed (“acme.com”) made a full URL (“https://acme.com”)."""
    url = (url or "").strip()
    return url if not url or "://" in url else f"https://{url}"


def website_domain(url: str) -> str:
    """“https://www.Acme.com/en/” → “acme.com”; "" for no website."""
    url = (url or "").strip()
    if not url:
        return ""
    if "//" not in url:
        url = "//" + url
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return host.removeprefix("www.")
