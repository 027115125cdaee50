using Coding.Core.Engine.Candidates;
using Coding.Core.Engine.Priors;

namespace Coding.UnitTests.Engine;

public class when_the_suggestion_threshold_is_learned
{
    private static double Logit(double p) => Math.Log(p / (1 - p));

    private static Candidate Of(string code) => new(code, code, EngineFixture.Lexicon.Code(code)!.Title);

    [Fact]
    public void it_is_the_best_cut_over_what_validation_leaves_not_over_the_raw_candidates()
    {
        // Gold: R50.2 and I10. The two wrong candidates between them (R50.9 fever unspecified, E11.9 without
        // complications) are removed by the specificity edit (R50.2, E11.65 rank higher in their categories), so the
        // worker never suggests them. Over raw candidates the best cut is 0.9 (F1 0.667: taking I10 would also take
        // three wrong codes); over what validation leaves it is 0.6 (F1 0.8: only E11.65 is wrong).
        List<Candidate> candidates = [Of("R502"), Of("R509"), Of("E1165"), Of("E119"), Of("I10")];
        double[] probabilities = [0.9, 0.7, 0.68, 0.66, 0.6];
        IReadOnlySet<string> gold = new HashSet<string> { "R502", "I10" };

        var cut = OperatingPoint.Choose([candidates], [0], probabilities.Select(Logit).ToList(), [gold], EngineFixture.Lexicon, report: null);

        Assert.Equal(0.6, cut, 3);
        Assert.Equal(0.9, PriorLearner.BestF1Threshold(probabilities.Select((p, i) => (p, gold.Contains(candidates[i].Code))).ToList(), gold.Count), 3);
    }
}
