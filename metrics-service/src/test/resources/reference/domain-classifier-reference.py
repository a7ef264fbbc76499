import numpy as np, statsmodels.api as sm
from scipy.stats import mannwhitneyu
ref = np.loadtxt('reference.csv', delimiter=','); cur = np.loadtxt('shifted.csv', delimiter=',')
X = np.vstack([ref, cur]); y = np.r_[np.zeros(len(ref)), np.ones(len(cur))]
mu = ref.mean(axis=0); sd = ref.std(axis=0); Z = (X - mu) / sd; n = len(y); k = 5
def fit(Zt, yt):
    return sm.Logit(yt, sm.add_constant(Zt, has_constant='add')).fit(method='newton', tol=1e-14, maxiter=100, disp=0).params
oof = np.empty(n)
for f in range(k):
    test = (np.arange(n) % k) == f
    b = fit(Z[~test], y[~test]); oof[test] = 1/(1+np.exp(-(b[0] + Z[test] @ b[1:])))
print("auc", repr(mannwhitneyu(oof[y==1], oof[y==0]).statistic / (200*600)))
print("coef", [repr(x) for x in fit(Z, y)])
for j in range(4):
    Uj = mannwhitneyu(Z[y==1, j], Z[y==0, j]).statistic / (200*600); print("uni", j, repr(max(Uj, 1-Uj)))
