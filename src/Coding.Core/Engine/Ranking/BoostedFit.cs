namespace Coding.Core.Engine.Ranking;

/// <summary>
/// Fits <see cref="BoostedTrees"/> by second-order gradient boosting on logistic loss over binned features (each
/// feature cut at up to <see cref="Bins"/> quantiles, so a split search is one pass over a histogram). Small trees,
/// shrinkage and a minimum leaf weight keep it from memorising the few thousand training candidates. Used only when
/// learning from train; deterministic (no sampling), so the same train split gives the same file.
/// </summary>
public static class BoostedFit
{
    private const int Bins = 32;

    public sealed record Settings(int Trees = 250, int Depth = 4, double LearningRate = 0.05, double Lambda = 1.0, double MinLeafHessian = 3.0);

    public static (double Bias, BoostedTree[] Trees) Fit(IReadOnlyList<double[]> x, IReadOnlyList<bool> y, Settings? settings = null)
    {
        var s = settings ?? new Settings();
        var n = x.Count;
        var d = x[0].Length;
        var cuts = new double[d][];
        var binned = new byte[d][];
        for (var j = 0; j < d; j++)
        {
            cuts[j] = CutPoints(x, j);
            binned[j] = new byte[n];
            for (var i = 0; i < n; i++)
                binned[j][i] = (byte)BinOf(cuts[j], x[i][j]);
        }
        var positives = y.Count(v => v);
        var rate = Math.Clamp((double)positives / n, 1e-4, 1 - 1e-4);
        var bias = Math.Log(rate / (1 - rate));
        var score = Enumerable.Repeat(bias, n).ToArray();
        var g = new double[n];
        var h = new double[n];
        var trees = new BoostedTree[s.Trees];
        for (var t = 0; t < s.Trees; t++)
        {
            for (var i = 0; i < n; i++)
            {
                var p = 1 / (1 + Math.Exp(-score[i]));
                g[i] = p - (y[i] ? 1 : 0);
                h[i] = Math.Max(p * (1 - p), 1e-6);
            }
            var builder = new TreeBuilder(binned, cuts, g, h, s);
            builder.Grow(Enumerable.Range(0, n).ToArray(), 0);
            trees[t] = builder.ToTree();
            for (var i = 0; i < n; i++)
                score[i] += trees[t].Evaluate(x[i]);
        }
        return (bias, trees);
    }

    /// <summary>Distinct quantile cut points of one feature; a value goes to the first bin whose cut is ≥ it.</summary>
    private static double[] CutPoints(IReadOnlyList<double[]> x, int j)
    {
        var values = x.Select(r => r[j]).Order().ToArray();
        var cuts = new SortedSet<double>();
        for (var b = 1; b < Bins; b++)
            cuts.Add(values[(int)((long)b * (values.Length - 1) / Bins)]);
        cuts.Add(values[^1]);
        return cuts.ToArray();
    }

    private static int BinOf(double[] cuts, double v)
    {
        var i = Array.BinarySearch(cuts, v);
        return i >= 0 ? i : Math.Min(~i, cuts.Length - 1);
    }

    private sealed class TreeBuilder(byte[][] binned, double[][] cuts, double[] g, double[] h, Settings s)
    {
        private readonly List<int> _feature = [];
        private readonly List<double> _split = [];
        private readonly List<int> _left = [];
        private readonly List<int> _right = [];
        private readonly List<double> _value = [];

        public int Grow(int[] rows, int depth)
        {
            var node = _feature.Count;
            _feature.Add(-1);
            _split.Add(0);
            _left.Add(-1);
            _right.Add(-1);
            double gs = 0, hs = 0;
            foreach (var i in rows)
            {
                gs += g[i];
                hs += h[i];
            }
            _value.Add(-gs / (hs + s.Lambda) * s.LearningRate);
            if (depth >= s.Depth || hs < 2 * s.MinLeafHessian)
                return node;
            var (feature, bin, gain) = BestSplit(rows, gs, hs);
            if (feature < 0 || gain <= 1e-9)
                return node;
            var column = binned[feature];
            var left = rows.Where(i => column[i] <= bin).ToArray();
            var right = rows.Where(i => column[i] > bin).ToArray();
            _feature[node] = feature;
            _split[node] = cuts[feature][bin];
            _left[node] = Grow(left, depth + 1);
            _right[node] = Grow(right, depth + 1);
            return node;
        }

        private (int Feature, int Bin, double Gain) BestSplit(int[] rows, double gs, double hs)
        {
            var best = (Feature: -1, Bin: -1, Gain: 0.0);
            var parent = gs * gs / (hs + s.Lambda);
            var gh = new double[Bins];
            var hh = new double[Bins];
            for (var j = 0; j < binned.Length; j++)
            {
                if (cuts[j].Length < 2)
                    continue;
                Array.Clear(gh);
                Array.Clear(hh);
                var column = binned[j];
                foreach (var i in rows)
                {
                    gh[column[i]] += g[i];
                    hh[column[i]] += h[i];
                }
                double gl = 0, hl = 0;
                for (var b = 0; b < cuts[j].Length - 1; b++)
                {
                    gl += gh[b];
                    hl += hh[b];
                    var hr = hs - hl;
                    if (hl < s.MinLeafHessian || hr < s.MinLeafHessian)
                        continue;
                    var gr = gs - gl;
                    var gain = gl * gl / (hl + s.Lambda) + gr * gr / (hr + s.Lambda) - parent;
                    if (gain > best.Gain)
                        best = (j, b, gain);
                }
            }
            return best;
        }

        public BoostedTree ToTree() => new([.. _feature], [.. _split], [.. _left], [.. _right], [.. _value]);
    }
}
