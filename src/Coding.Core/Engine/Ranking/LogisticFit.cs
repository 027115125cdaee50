namespace Coding.Core.Engine.Ranking;

/// <summary>
/// Plain L2-regularised logistic regression by full-batch gradient descent: a dozen features and tens of thousands of
/// rows fit in about a second, with no numerical library to ship. Used only when learning from train.
/// </summary>
public static class LogisticFit
{
    public static (double[] Weights, double Bias) Fit(IReadOnlyList<double[]> x, IReadOnlyList<bool> y, int iterations = 1500, double rate = 0.3, double l2 = 1e-3)
    {
        var n = x.Count;
        var d = x[0].Length;
        var w = new double[d];
        double b = 0;
        var gw = new double[d];
        // Adam moments: features differ in scale (log-odds vs 0/1), which plain descent handles poorly.
        var m = new double[d + 1];
        var v = new double[d + 1];
        for (var it = 1; it <= iterations; it++)
        {
            Array.Clear(gw);
            double gb = 0;
            for (var i = 0; i < n; i++)
            {
                var z = b;
                for (var j = 0; j < d; j++) z += w[j] * x[i][j];
                var err = 1 / (1 + Math.Exp(-z)) - (y[i] ? 1 : 0);
                for (var j = 0; j < d; j++) gw[j] += err * x[i][j];
                gb += err;
            }
            for (var j = 0; j <= d; j++)
            {
                var g = j < d ? gw[j] / n + l2 * w[j] : gb / n;
                m[j] = 0.9 * m[j] + 0.1 * g;
                v[j] = 0.999 * v[j] + 0.001 * g * g;
                var step = rate * 0.1 * (m[j] / (1 - Math.Pow(0.9, it))) / (Math.Sqrt(v[j] / (1 - Math.Pow(0.999, it))) + 1e-8);
                if (j < d) w[j] -= step;
                else b -= step;
            }
        }
        return (w, b);
    }
}
