using Coding.Core.Engine.Ranking;

namespace Coding.UnitTests.Engine;

public class when_boosted_trees_rank_candidates
{
    private static double Probability(BoostedTrees model, params double[] x) => 1 / (1 + Math.Exp(-model.LogOdds(x)));

    private static BoostedTrees Fit(List<double[]> x, List<bool> y)
    {
        var (bias, trees) = BoostedFit.Fit(x, y);
        return new BoostedTrees(["a", "b"], bias, trees, 0.5);
    }

    [Fact]
    public void they_learn_an_interaction_no_weighted_sum_can_express()
    {
        // Each signal alone lowers the odds, both together raise them: a linear model cannot give (1,1) more than
        // either single signal does after making each one negative; trees can.
        var rates = new Dictionary<(int, int), int> { [(0, 0)] = 50, [(1, 0)] = 10, [(0, 1)] = 10, [(1, 1)] = 90 };
        var x = new List<double[]>();
        var y = new List<bool>();
        foreach (var ((a, b), percent) in rates)
        {
            for (var i = 0; i < 100; i++)
            {
                x.Add([a, b]);
                y.Add(i < percent);
            }
        }

        var model = Fit(x, y);

        Assert.InRange(Probability(model, 0, 0), 0.4, 0.6);
        Assert.InRange(Probability(model, 1, 0), 0.05, 0.2);
        Assert.InRange(Probability(model, 0, 1), 0.05, 0.2);
        Assert.InRange(Probability(model, 1, 1), 0.8, 0.95);
    }

    [Fact]
    public void a_feature_that_says_nothing_leaves_the_probability_at_the_base_rate()
    {
        // 30 % of rows are gold whatever the features say: the confidence must mean 30 %, not 0 or 1.
        var x = new List<double[]>();
        var y = new List<bool>();
        for (var i = 0; i < 400; i++)
        {
            x.Add([i % 7, i % 3]);
            y.Add(i % 10 < 3);
        }

        var model = Fit(x, y);

        foreach (var row in x.Take(21))
            Assert.InRange(Probability(model, row), 0.2, 0.4);
    }

    [Fact]
    public void a_row_follows_each_split_to_its_leaf()
    {
        // Root splits on feature 1 at 0.5: left leaf -1, right node splits on feature 0 at 2 into leaves 0.5 and 2.
        var tree = new BoostedTree([1, -1, 0, -1, -1], [0.5, 0, 2, 0, 0], [1, -1, 3, -1, -1], [2, -1, 4, -1, -1], [0, -1, 0, 0.5, 2]);

        Assert.Equal(-1, tree.Evaluate([9, 0.5]));
        Assert.Equal(0.5, tree.Evaluate([2, 1]));
        Assert.Equal(2, tree.Evaluate([3, 1]));
    }
}
