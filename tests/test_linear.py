"""The NumPy scorer of trained logistic regressions gives scikit-learn's probabilities."""
import numpy as np
import pytest

from redline.linear import LinearModel


@pytest.mark.parametrize("n_classes", [2, 4])
def test_same_probabilities_as_scikit_learn(tmp_path, n_classes):
    sklearn = pytest.importorskip("sklearn")  # noqa: F841  (the training extra)
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(7)
    words = ["attack", "meet", "aid", "accuse", "reject", "talk"]
    rows, labels = [], []
    for i in range(300):
        k = i % n_classes
        rows.append({"lemma": words[(k + rng.integers(0, 2)) % len(words)], "dist": float(rng.normal(k, 1)),
                     "tags": [f"t{k}", f"t{rng.integers(0, 5)}"], "neg": float(rng.integers(0, 2))})
        labels.append(f"C{k}")
    vec = DictVectorizer()
    clf = LogisticRegression(max_iter=2000).fit(vec.fit_transform(rows), labels)
    model = LinearModel.from_sklearn(vec, clf)
    model.save(tmp_path / "m.npz")
    loaded = LinearModel.load(tmp_path / "m.npz")
    unseen = rows[:20] + [{"lemma": "unknown", "dist": 0.5, "tags": ["zz"]}]
    want = clf.predict_proba(vec.transform(unseen))
    got = loaded.predict_proba(unseen)
    assert list(loaded.classes_) == list(clf.classes_)
    assert np.allclose(got, want, atol=1e-5)
