"""Vietnamese cardinal numbers written in words ("mười lăm", "hai mươi mốt", "một trăm linh năm").

Administrative text writes durations as digits, words or both ("10 (mười) ngày"); the words
follow a regular grammar: units, "mười"/"mươi" for tens, "trăm" for hundreds, "linh"/"lẻ" to skip
the tens, and the euphonic "lăm" (5) and "mốt" (1) after the tens.
"""

from __future__ import annotations

from nlp_service.temporal.lexicon import lexicon


def words_to_int(phrase: str) -> int | None:
    """The value of a number phrase, or None when the words do not form a number.

    >>> words_to_int("hai mươi lăm")
    25
    """
    lex = lexicon()
    words = phrase.lower().split()
    if not words:
        return None
    total = 0  # completed hundreds
    current = 0  # value below the hundreds
    for word in words:
        if word in lex.joiner_words:
            continue
        if word in lex.multiplier_words:
            factor = lex.multiplier_words[word]
            if factor == 100:
                total += (current or 1) * 100
                current = 0
            else:  # "mươi": the units so far become tens
                if not 1 <= current <= 9:
                    return None
                current *= factor
        elif word in lex.number_words:
            value = lex.number_words[word]
            if value == 10:  # "mười" = 10, alone or before units
                if current:
                    return None
                current = 10
            elif current % 10 == 0:
                current += value
            else:
                return None
        else:
            return None
    return total + current


def parse_amount(text: str) -> int | None:
    """Digits, words, or both ("10 (mười)", "mười lăm (15)"): the digits win when both are given."""
    digits = "".join(ch for ch in text if ch.isdigit())
    if digits:
        return int(digits[:4])
    return words_to_int(text.replace("(", " ").replace(")", " "))
