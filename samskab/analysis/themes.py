"""Themes across Danish and English stories: TF-IDF, then NMF (or k-means).

Pipeline: letters-only tokens, lower-cased; Danish and English stop words removed
(`stopwordsiso`, which needs no download); each token stemmed with the Snowball stemmer of
its story's language (Danish by default); TF-IDF with sublinear term frequency; NMF with
the deterministic NNDSVDa start (or k-means), seeded. A theme's terms are its heaviest stems,
each shown as its most frequent surface word; its representative stories are those with the
highest weight on it. A theme becomes a filter through `theme_mask`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import snowballstemmer  # type: ignore[import-untyped]
import stopwordsiso
from sklearn.cluster import KMeans  # type: ignore[import-untyped]
from sklearn.decomposition import NMF  # type: ignore[import-untyped]
from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]

from samskab.analysis.disclosure import DEFAULT_K, GROUP_BELOW_K, Withheld, check_k
from samskab.analysis.types import BoolArray, FloatArray, IntArray

TOKEN = re.compile(r"[^\W\d_]{2,}")
STEMMERS = {"da": "danish", "en": "english"}


@dataclass(frozen=True)
class Theme:
    index: int
    terms: tuple[str, ...]
    size: int
    representative: tuple[int, ...]
    withheld: tuple[Withheld, ...] = ()


@dataclass(frozen=True)
class ThemeModel:
    themes: tuple[Theme, ...]
    story_ids: IntArray
    assignment: IntArray


def stop_words() -> frozenset[str]:
    return frozenset(stopwordsiso.stopwords("da")) | frozenset(stopwordsiso.stopwords("en"))


def tokenize(
    texts: Sequence[str], languages: Sequence[str] | None = None
) -> tuple[list[list[str]], dict[str, Counter[str]]]:
    """Stemmed tokens per text, and the surface words seen for each stem."""
    stops = stop_words()
    stemmers = {code: snowballstemmer.stemmer(name) for code, name in STEMMERS.items()}
    surfaces: dict[str, Counter[str]] = {}
    # Stems per (language, word): the pure-Python stemmer costs ~0.1 ms a word, and words repeat,
    # so the work grows with the vocabulary, not with the number of stories.
    known: dict[tuple[str, str], str] = {}
    docs = []
    for i, text in enumerate(texts):
        words = [w for w in TOKEN.findall(text.lower()) if w not in stops]
        language = languages[i] if languages is not None and languages[i] in STEMMERS else "da"
        stemmer = stemmers[language]
        stems = []
        for word in words:
            stem = known.get((language, word))
            if stem is None:
                stem = known[(language, word)] = stemmer.stemWord(word)
            stems.append(stem)
        for word, stem in zip(words, stems, strict=True):
            surfaces.setdefault(stem, Counter())[word] += 1
        docs.append(list(stems))
    return docs, surfaces


def _identity(doc: list[str]) -> list[str]:
    return doc


def _weights(matrix: Any, n_themes: int, seed: int, method: str) -> tuple[FloatArray, FloatArray]:
    """Story-by-theme weights and theme-by-term loadings."""
    if method == "nmf":
        model = NMF(n_components=n_themes, init="nndsvda", random_state=seed, max_iter=500)
        # A perfect fit (e.g. repeated identical texts) leaves a reconstruction error of -0.0
        # after rounding, whose square root NumPy warns about; the fit itself is fine.
        with np.errstate(invalid="ignore"):
            weights = model.fit_transform(matrix)
        return np.asarray(weights, dtype=np.float64), np.asarray(model.components_)
    if method == "kmeans":
        model = KMeans(n_clusters=n_themes, n_init=4, random_state=seed)
        labels = model.fit_predict(matrix)
        weights = np.zeros((matrix.shape[0], n_themes))
        weights[np.arange(matrix.shape[0]), labels] = 1.0
        return weights, np.asarray(model.cluster_centers_)
    raise ValueError(f"Unknown theme method {method!r}.")


def _theme(
    index: int, loadings: FloatArray, weights: FloatArray, context: tuple[Any, ...]
) -> Theme:
    vocabulary, surfaces, ids, assignment, k, n_terms, n_stories = context
    size = int((assignment == index).sum())
    if size < k:
        return Theme(index, (), size, (), (Withheld("theme", GROUP_BELOW_K),))
    top = np.argsort(-loadings[index], kind="stable")[:n_terms]
    terms = tuple(
        surfaces[vocabulary[j]].most_common(1)[0][0] for j in top if loadings[index, j] > 0
    )
    members = np.flatnonzero(assignment == index)
    best = members[np.argsort(-weights[members, index], kind="stable")[:n_stories]]
    return Theme(index, terms, size, tuple(int(i) for i in ids[best]))


def find_themes(
    story_ids: Sequence[int],
    texts: Sequence[str],
    languages: Sequence[str] | None = None,
    n_themes: int = 8,
    seed: int = 0,
    method: str = "nmf",
    k: int = DEFAULT_K,
    n_terms: int = 10,
    n_stories: int = 5,
) -> ThemeModel:
    """Themes of the given stories (deterministic for a seed); small themes are withheld."""
    check_k(k)
    docs, surfaces = tokenize(texts, languages)
    vectorizer = TfidfVectorizer(
        analyzer=_identity, sublinear_tf=True, min_df=2 if len(docs) >= 50 else 1, max_df=0.9
    )
    matrix = vectorizer.fit_transform(docs)
    vocabulary = vectorizer.get_feature_names_out()
    weights, loadings = _weights(matrix, n_themes, seed, method)
    assignment = np.where(weights.max(axis=1) > 0, weights.argmax(axis=1), -1).astype(np.int64)
    ids = np.asarray(story_ids, dtype=np.int64)
    context = (vocabulary, surfaces, ids, assignment, k, n_terms, n_stories)
    themes = tuple(_theme(i, loadings, weights, context) for i in range(n_themes))
    return ThemeModel(themes, ids, assignment)


def theme_mask(model: ThemeModel, index: int, store_story_ids: IntArray) -> BoolArray:
    """Mask over a store's stories: those assigned to theme `index` (a filter's story_mask)."""
    return np.isin(store_story_ids, model.story_ids[model.assignment == index])
