using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
        // Every candidate of every note walks all the trees: one array of nodes (each tree's children as absolute
        // indexes) instead of five arrays per tree, built on first use. Same nodes, same order of the sum.
        var flat = _flat is { } built && ReferenceEquals(built.Source, Trees) ? built : _flat = Flatten(Trees);
        // Child indexes were checked when flattening, so the walk reads nodes without bounds checks.
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(flat.Nodes);
        var z = Bias;
        foreach (var root in flat.Roots)
        {
            ref var node = ref Unsafe.Add(ref nodes, root);
            while (node.Feature >= 0)
                node = ref Unsafe.Add(ref nodes, x[node.Feature] <= node.Split ? node.Left : node.Right);
            z += node.Value;
        }
        return z;
    }

    private FlatTrees? _flat;

    private readonly record struct Node(int Feature, double Split, int Left, int Right, double Value);

    private sealed record FlatTrees(BoostedTree[] Source, Node[] Nodes, int[] Roots);

    private static FlatTrees Flatten(BoostedTree[] trees)
    {
        var nodes = new Node[trees.Sum(t => t.Feature.Length)];
        var roots = new int[trees.Length];
        var offset = 0;
        for (var t = 0; t < trees.Length; t++)
        {
            var tree = trees[t];
            if (tree.Feature.Length == 0)
                throw new InvalidDataException($"boosted tree {t} has no nodes");
            roots[t] = offset;
            for (var i = 0; i < tree.Feature.Length; i++)
            {
                if (tree.Feature[i] >= 0 && ((uint)tree.Left[i] >= (uint)tree.Feature.Length || (uint)tree.Right[i] >= (uint)tree.Feature.Length))
                    throw new InvalidDataException($"boosted tree {t}: node {i} has a child outside the tree");
                nodes[offset + i] = tree.Feature[i] < 0
                    ? new Node(-1, 0, -1, -1, tree.Value[i])
                    : new Node(tree.Feature[i], tree.Split[i], offset + tree.Left[i], offset + tree.Right[i], tree.Value[i]);
            }
            offset += tree.Feature.Length;
        }
        return new FlatTrees(trees, nodes, roots);
    }
}
