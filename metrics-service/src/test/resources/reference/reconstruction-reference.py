import numpy as np, json
rng = np.random.default_rng(20261207)
n_ref, p = 600, 4
# correlated reference: x2 = x1 + noise, x3 = -x1 + noise, x4 independent
x1 = rng.normal(10, 2, n_ref); x2 = x1 + rng.normal(0, 0.5, n_ref); x3 = -x1 + rng.normal(5, 0.7, n_ref); x4 = rng.normal(0, 1, n_ref)
ref = np.round(np.column_stack([x1, x2, x3, x4]), 4)
def chunk(shift_corr, n=200):
    a = rng.normal(10, 2, n)
    b = a + rng.normal(0, 0.5, n)
    c = (-a + rng.normal(5, 0.7, n)) if not shift_corr else (-rng.normal(10, 2, n) + rng.normal(5, 0.7, n))
    d = rng.normal(0, 1, n)
    return np.round(np.column_stack([a, b, c, d]), 4)
same = chunk(False); broken = chunk(True)
np.savetxt('reference.csv', ref, delimiter=',', fmt='%.4f')
np.savetxt('same.csv', same, delimiter=',', fmt='%.4f')
np.savetxt('broken.csv', broken, delimiter=',', fmt='%.4f')
# the algorithm (NannyML DataReconstructionDriftCalculator with sklearn StandardScaler + PCA(0.65)), in numpy
mu = ref.mean(axis=0); sd = ref.std(axis=0)   # StandardScaler: population std
Z = (ref - mu) / sd
m = Z.mean(axis=0)
U, S, Vt = np.linalg.svd(Z - m, full_matrices=False)
ev = S**2 / (len(Z) - 1); ratio = ev / ev.sum()
k = int(np.searchsorted(np.cumsum(ratio), 0.65, side='right') + 1)
W = Vt[:k]
def err(X):
    Zx = (X - mu) / sd
    R = (Zx - m) @ W.T @ W + m
    return np.linalg.norm(Zx - R, axis=1).mean(), ((Zx - R)**2).mean(axis=0), np.abs(Zx.mean(axis=0))
ref_chunks = [ref[i:i+100] for i in range(0, 600, 100)]
ref_err = np.array([err(c)[0] for c in ref_chunks])
print("k", k, "ratio", [repr(x) for x in ratio])
print("ref chunk errors", [repr(x) for x in ref_err])
print("band mean", repr(ref_err.mean()), "std", repr(ref_err.std()), "lower", repr(ref_err.mean()-3*ref_err.std()), "upper", repr(ref_err.mean()+3*ref_err.std()))
for name, X in [('same', same), ('broken', broken)]:
    e, per, shift = err(X)
    print(name, repr(e), "per-feature mse", [repr(x) for x in per], "shift", [repr(x) for x in shift])
