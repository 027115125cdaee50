namespace Coding.Core.Engine.Ranking;

/// <summary>
/// One regression tree as parallel node arrays (compact in the priors file, no recursion to evaluate). A node with
/// <c>Feature[i] &lt; 0</c> is a leaf holding <c>Value[i]</c>; otherwise rows with <c>x[Feature[i]] &lt;= Split[i]</c>
/// go to <c>Left[i]</c>, the others to <c>Right[i]</c>.
/// </summary>
public sealed record BoostedTree(int[] Feature, double[] Split, int[] Left, int[] Right, double[] Value)
{
    public double Evaluate(double[] x)
    {
        var i = 0;
        while (Feature[i] >= 0)
            i = x[Feature[i]] <= Split[i] ? Left[i] : Right[i];
        return Value[i];
    }
}

/// <summary>
/// Gradient-boosted trees on the log-odds scale (logistic loss), learned on train candidates: the sum of the trees
/// plus <see cref="Bias"/> is a log-odds, so its sigmoid is a probability like the logistic model's, but the trees see
/// interactions a linear model cannot (a strong term prior matters less for an ambiguous header child; chapters differ
/// in how much a mention count is worth). <see cref="Threshold"/> is the cut with the best micro-F1 on cross-validated
/// train predictions.
/// </summary>
public sealed record BoostedTrees(string[] Features, double Bias, BoostedTree[] Trees, double Threshold)
{
    public double LogOdds(double[] x)
    {
        var z = Bias;
        foreach (var tree in Trees)
            z += tree.Evaluate(x);
        return z;
    }
}
