"""The simple past shown to the tagger as a present, and given back its past after the parse.

For a language with a ``simple_past.yaml`` (:mod:`annales.vocabulary.simple_past`) and a spaCy package whose
lemmatizer has a lookup table, two components wrap the package's own: before its tok2vec, each third person of
the tense gets as its norm (the word form the model's embeddings read) a present the model knows well, of the
same number (« occupèrent » is read as « donnent », « fut » as « est »); after its lemmatizer, a form the model
then tagged as a verb gets ``Tense=Past`` back, and every form its own norm again, so the named-entity models
that follow read the text as written. The text, the offsets and the lemmas are the form's own throughout.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from annales.vocabulary.simple_past import SimplePast, load_simple_past

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["add_to", "register"]

_NORMS = "annales_simple_past_norms"
_TENSE = "annales_simple_past_tense"
#: Where the forms shown as another are kept between the two components.
_SHOWN = "annales_simple_past"


def add_to(nlp: Language, lang: str) -> bool:
    """Wrap ``nlp``'s tagging of ``lang`` with the two components; False (nothing added) for a language without
    a simple past file or a pipeline without a tok2vec and a lookup lemmatizer."""
    if load_simple_past(lang) is None or "tok2vec" not in nlp.pipe_names or _lookup(nlp) is None:
        return False
    register()
    nlp.add_pipe(_NORMS, before="tok2vec", config={"lang": lang})
    nlp.add_pipe(_TENSE, after="lemmatizer")
    return True


def _lookup(nlp: Language) -> Any:
    if "lemmatizer" not in nlp.pipe_names:
        return None
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    return lookups.get_table("lemma_lookup") if lookups is not None and lookups.has_table("lemma_lookup") else None


def register() -> None:
    """Register the two components with spaCy (once)."""
    from spacy.language import Language

    if _NORMS in Language.factories:
        return

    @Language.factory(_NORMS, default_config={"lang": "fr"})
    def make_norms(nlp: Any, name: str, lang: str) -> Any:  # (Any: spaCy reads these annotations at run time)
        tense = load_simple_past(lang)
        table = _lookup(nlp)
        assert tense is not None and table is not None  # (add_to checked both)
        return lambda doc: _show_as_present(doc, tense, table)

    @Language.component(_TENSE)
    def give_back_past(doc: Doc) -> Doc:
        """A form shown as a present that the model tagged as a verb is a finite indicative past; every form
        gets its own norm back."""
        for i in doc.user_data.pop(_SHOWN, ()):
            token = doc[i]
            token.norm_ = token.lex.norm_
            if token.pos_ in ("VERB", "AUX"):
                features = token.morph.to_dict()
                features.update({"Tense": "Past", "Mood": "Ind", "VerbForm": "Fin"})
                token.set_morph("|".join(f"{k}={v}" for k, v in sorted(features.items())))
        return doc


def _show_as_present(doc: Doc, tense: SimplePast, table: Any) -> Doc:
    shown = []
    for token in doc:
        if not token.is_alpha or not token.text[:1].islower():
            continue
        lemmas = table.get(token.lower_)
        if not lemmas:
            continue
        stand_in = tense.stand_in_for(token.lower_, lemmas[0] if isinstance(lemmas, list) else str(lemmas))
        if stand_in is not None:
            token.norm_ = stand_in
            shown.append(token.i)
    if shown:
        doc.user_data[_SHOWN] = shown
    return doc
