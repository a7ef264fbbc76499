"""Reference values for io.refinery.metrics.performance.estimation (CBPE for binary classifiers).

Run with Debian's /usr/bin/python3 (numpy 1.24.2, scipy 1.10.1, scikit-learn 1.2.1):
    /usr/bin/python3 cbpe-reference.py
It writes cbpe-reference.csv (2,000 labelled reference rows) and cbpe-analysis.csv (600 rows of a shifted period)
next to itself, reads them back (scores rounded to 6 decimals) and prints every value the tests hold.
CSV columns: score,predicted,label (predicted = score >= 0.5; 0/1).

CBPE formulas are numpy transcriptions of NannyML's documentation
(https://nannyml.readthedocs.io/en/stable/how_it_works/performance_estimation.html) and of
nannyml/sampling_error/binary_classification.py; everything else is scikit-learn.
"""
import os
import numpy as np
from scipy.special import expit
from sklearn.isotonic import IsotonicRegression
from sklearn.calibration import _sigmoid_calibration
from sklearn.metrics import (accuracy_score, auc, brier_score_loss, f1_score, precision_score, recall_score,
                             roc_auc_score, roc_curve)

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261208)


def period(n, mu, sd):
    z = rng.normal(mu, sd, n)
    logit = 1.3 * z - 0.4
    y = (rng.random(n) < expit(logit)).astype(int)      # labels drawn from the true probability
    s = expit(2.2 * logit)                               # the model is overconfident: its logit is 2.2x too steep
    s[::10] = np.round(s[::10], 2)                       # every 10th row reported coarsely: ties on purpose
    s = np.round(s, 6)
    return s, (s >= 0.5).astype(int), y


def write(name, s, yhat, y):
    with open(os.path.join(HERE, name), 'w') as f:
        for a, b, c in zip(s, yhat, y):
            f.write('%.6f,%d,%d\n' % (a, b, c))


write('cbpe-reference.csv', *period(2000, 0.0, 1.0))
write('cbpe-analysis.csv', *period(600, 0.7, 1.2))


def load(name):
    d = np.loadtxt(os.path.join(HERE, name), delimiter=',')
    return d[:, 0], d[:, 1].astype(int), d[:, 2].astype(int)


s, yhat, y = load('cbpe-reference.csv')
sa, yhata, ya = load('cbpe-analysis.csv')
r = repr
print('reference rows', len(s), 'distinct scores', len(np.unique(s)), 'positives', y.sum(), 'predicted', yhat.sum())
print('analysis rows', len(sa), 'distinct scores', len(np.unique(sa)), 'positives', ya.sum(), 'predicted', yhata.sum())

# ---- calibration models ----------------------------------------------------------------------------------------
probe = np.array([0.0, 0.000001, 0.01, 0.05, 0.2, 0.35, 0.5, 0.5003, 0.65, 0.8, 0.97, 0.999999, 1.0])
iso = IsotonicRegression(out_of_bounds='clip', increasing=True, y_min=0, y_max=1).fit(s, y)
print('isotonic thresholds', len(iso.X_thresholds_), 'sum x', r(iso.X_thresholds_.sum()), 'sum y',
      r(iso.y_thresholds_.sum()), 'first', r(iso.X_thresholds_[0]), r(iso.y_thresholds_[0]), 'last',
      r(iso.X_thresholds_[-1]), r(iso.y_thresholds_[-1]))
print('isotonic probe', [r(v) for v in iso.predict(probe)])

# small hand-checkable cases: equal scores pooled first, out-of-range scores clipped
small = IsotonicRegression(out_of_bounds='clip', y_min=0, y_max=1).fit(
    [0.5, 0.2, 0.5, 0.9, 0.5, 0.7, 0.3], [1, 0, 0, 1, 0, 0, 1])
print('small isotonic', [r(v) for v in small.X_thresholds_], [r(v) for v in small.y_thresholds_],
      [r(v) for v in small.predict([0.0, 0.25, 0.6, 0.8, 1.0])])


def platt_exact(F, t):
    """sklearn's _sigmoid_calibration (BFGS, gtol 1e-5), then Newton steps on the same objective to its optimum."""
    a, b = _sigmoid_calibration(F, t)
    n1 = t.sum(); n0 = len(t) - n1
    T = np.where(t > 0, (n1 + 1.0) / (n1 + 2.0), 1.0 / (n0 + 2.0))
    ab = np.array([a, b], dtype=float)
    for _ in range(50):
        P = expit(-(ab[0] * F + ab[1]))
        g = np.array([np.dot(T - P, F), np.sum(T - P)])
        w = P * (1 - P)
        H = np.array([[np.dot(w, F * F), np.dot(w, F)], [np.dot(w, F), w.sum()]])
        step = np.linalg.solve(H, g)
        ab = ab - step
        if np.abs(step).max() < 1e-15:
            break
    return (a, b), (ab[0], ab[1])


(a_sk, b_sk), (a, b) = platt_exact(s, y)
print('platt sklearn a b', r(a_sk), r(b_sk))
print('platt optimum a b', r(a), r(b))
print('platt probe', [r(v) for v in expit(-(a * probe + b))])

# ---- calibration check -----------------------------------------------------------------------------------------


def bins_of(p):
    return np.minimum(np.floor(p * 10).astype(int), 9)   # bin i = [i/10, (i+1)/10), the last one closed


def ece(p, t):
    k = bins_of(p); total = 0.0
    for i in range(10):
        m = k == i
        if m.any():
            total += m.sum() / len(p) * abs(p[m].mean() - t[m].mean())
    return total


k = bins_of(s)
for i in range(10):
    m = k == i
    if m.any():
        print('bin', i, m.sum(), r(s[m].mean()), r(y[m].mean()))
print('raw ece', r(ece(s, y)), 'brier', r(brier_score_loss(y, s)))

FOLDS = 5


def out_of_fold(fit):
    fold = np.arange(len(s)) % FOLDS; p = np.empty(len(s))
    for f in range(FOLDS):
        predict = fit(s[fold != f], y[fold != f]); p[fold == f] = predict(s[fold == f])
    return p


oof_iso = out_of_fold(lambda x, t: IsotonicRegression(out_of_bounds='clip', y_min=0, y_max=1).fit(x, t).predict)


def platt_fit(x, t):
    _, (pa, pb) = platt_exact(x, t)
    return lambda v: expit(-(pa * v + pb))


oof_platt = out_of_fold(platt_fit)
print('isotonic oof ece', r(ece(oof_iso, y)), 'brier', r(brier_score_loss(y, oof_iso)))
print('platt oof ece', r(ece(oof_platt, y)), 'brier', r(brier_score_loss(y, oof_platt)))

# ---- CBPE on the analysis period -------------------------------------------------------------------------------


def expected_confusion(p, pred):
    return (np.sum(np.where(pred == 1, p, 0)), np.sum(np.where(pred == 1, 1 - p, 0)),
            np.sum(np.where(pred == 0, p, 0)), np.sum(np.where(pred == 0, 1 - p, 0)))


def estimated_auc_sklearn(p):
    fpr, tpr, _ = roc_curve(np.r_[np.ones(len(p)), np.zeros(len(p))], np.r_[p, p],
                            sample_weight=np.r_[p, 1 - p], drop_intermediate=False)
    return auc(fpr, tpr)


def estimated_auc_numpy(p):
    t = np.unique(p)[::-1]
    tp = np.array([p[p >= v].sum() for v in t]); fp = np.array([(1 - p[p >= v]).sum() for v in t])
    return np.trapz(np.r_[0, tp / p.sum()], np.r_[0, fp / (1 - p).sum()])


def estimate(p, pred):
    tp, fp, fn, tn = expected_confusion(p, pred)
    auc_sk = estimated_auc_sklearn(p)
    assert abs(auc_sk - estimated_auc_numpy(p)) < 1e-12
    return dict(tp=tp, fp=fp, fn=fn, tn=tn, accuracy=(tp + tn) / len(p), precision=tp / (tp + fp),
                recall=tp / (tp + fn), specificity=tn / (tn + fp), f1=2 * tp / (2 * tp + fp + fn), roc_auc=auc_sk)


for name, p in [('isotonic', iso.predict(sa)), ('platt', expit(-(a * sa + b))), ('none', sa)]:
    print('estimate', name, {key: r(v) for key, v in estimate(p, yhata).items()})


def realized(sc, pred, t):
    return dict(accuracy=accuracy_score(t, pred), precision=precision_score(t, pred), recall=recall_score(t, pred),
                specificity=recall_score(t, pred, pos_label=0), f1=f1_score(t, pred), roc_auc=roc_auc_score(t, sc))


print('realized analysis', {key: r(v) for key, v in realized(sa, yhata, ya).items()})
print('realized reference', {key: r(v) for key, v in realized(s, yhat, y).items()})

# ---- sampling error (nannyml/sampling_error/binary_classification.py) -----------------------------------------


def auroc_components(t, sc, kind):
    """NannyML's auroc_sampling_error_components with the sort order chosen: the k-th positive at position r gives
    (r - k) / n_neg (a positive sorted first is kept, with value 0; NannyML's np.unique(...)[1:] would drop it)."""
    t = np.asarray(t); sc = np.asarray(sc)
    if np.mean(t) > 0.5:
        t = 1 - t; sc = 1 - sc
    t = t[np.argsort(sc, kind=kind)]
    positive_ranks = np.nonzero(t)[0]
    ser = positive_ranks - np.arange(len(positive_ranks))
    return np.std(ser / (len(t) - t.sum())), t.sum() / len(t)


def auroc_components_nannyml(t, sc):   # literal transcription, including np.argsort's default (unstable) sort
    t = np.asarray(t); sc = np.asarray(sc)
    if np.mean(t) > 0.5:
        t = abs(t - 1); sc = 1 - sc
    idx = np.argsort(sc); t = t[idx]
    positive_ranks = t * np.arange(len(t))
    indexes = np.unique(positive_ranks)[1:]
    ser = [index - i for i, index in enumerate(indexes)]
    n_pos = np.sum(t); n_neg = len(t) - n_pos
    return np.std(np.array(ser) / n_neg), n_pos / len(t)


def f1_components(t, pred):
    TP = np.ones(np.sum((t == 1) & (pred == 1))); FP = np.zeros(np.sum((t == 0) & (pred == 1)))
    FN = np.zeros(np.sum((t == 1) & (pred == 0)))
    allv = np.concatenate([TP, FN, FP]); c = len(allv) / ((len(FN) + len(FP)) * 0.5 + len(TP))
    return np.std(allv * c), len(allv) / len(pred)


components = dict(
    accuracy=(np.std((y == yhat).astype(int)), 1.0),
    precision=(np.std(y[yhat == 1]), yhat.sum() / len(y)),
    recall=(np.std(yhat[y == 1]), y.sum() / len(y)),
    specificity=(np.std((yhat[y == 0] == 0).astype(int)), (y == 0).sum() / len(y)),
    f1=f1_components(y, yhat),
    roc_auc=auroc_components(y, s, 'stable'))
print('nannyml literal roc_auc components', r(auroc_components_nannyml(y, s)[0]), r(auroc_components_nannyml(y, s)[1]),
      '(differs: np.argsort is not stable within tied scores)')
_, inverse, counts = np.unique(s, return_inverse=True, return_counts=True)
fine = counts[inverse] == 1                   # rows whose score no other row has: NannyML's sort order is then defined
lit = auroc_components_nannyml(y[fine], s[fine]); st = auroc_components(y[fine], s[fine], 'stable')
assert lit == st, (lit, st)
print('roc_auc components, rows with a unique score (NannyML literal == stable)', fine.sum(), r(lit[0]), r(lit[1]))
for key, (sd, fr) in components.items():
    print('sampling', key, 'std', r(sd), 'fraction', r(fr), 'error(600)', r(sd / np.sqrt(600 * fr)))

# ---- reference range: realized metric per 500-row reference chunk, mean +- 3 population std ------------------
for key in ['accuracy', 'precision', 'recall', 'specificity', 'f1', 'roc_auc']:
    v = np.array([realized(s[i:i + 500], yhat[i:i + 500], y[i:i + 500])[key] for i in range(0, 2000, 500)])
    print('range', key, [r(x) for x in v], 'mean', r(v.mean()), 'std', r(v.std()), 'lower', r(v.mean() - 3 * v.std()),
          'upper', r(v.mean() + 3 * v.std()))
