using Coding.Core.Codebooks.Parsing;
using Coding.Core.Engine.Priors;
using Coding.Core.Evaluation;

namespace Coding.UnitTests.Engine;

public class when_priors_are_learned_from_a_gold_set_in_an_older_edition
{
    // CodiEsp's edition writes a headache R51 (FY2021 split it into R51.0 and R51.9) and a hip fracture S72.001
    // (without the encounter character); the engine's candidates are R51.9 and S72.001A.
    private static readonly CodeEdition Fy2017 = new("FY2017", [new CodeConversion("R51.9", new DateOnly(2020, 10, 1), "R51")], new DateOnly(2017, 10, 1));

    private static List<TrainingDocument> Documents()
    {
        var documents = new List<TrainingDocument>();
        for (var i = 0; i < 10; i++)
        {
            documents.Add(new($"H{i}", "She has had a headache since yesterday.", PriorLearner.Keys(["r51"])));
            documents.Add(new($"F{i}", "Fracture of the neck of the right femur.", PriorLearner.Keys(["s72.001"])));
            documents.Add(new($"N{i}", "Blood pressure was normal.", PriorLearner.Keys([])));
        }
        return documents;
    }

    [Fact]
    public void the_engines_codes_are_counted_as_the_gold_codes_they_stand_for()
    {
        var priors = PriorLearner.Learn(Documents(), EngineFixture.Lexicon, "test", goldEdition: Fy2017);

        Assert.Equal(10, priors.Gold("R519"));
        Assert.Equal(10, priors.Gold("S72001A"));
        Assert.True(priors.CodeRate("R519") > 0.8, $"R51.9 candidates were gold in {priors.CodeRate("R519"):P0}");
        Assert.True(priors.CodeRate("S72001A") > 0.8, $"S72.001A candidates were gold in {priors.CodeRate("S72001A"):P0}");
    }

    [Fact]
    public void without_the_edition_a_split_code_is_never_gold()
    {
        var priors = PriorLearner.Learn(Documents(), EngineFixture.Lexicon, "test");

        Assert.Equal(0, priors.Gold("R519"));
        Assert.True(priors.CodeRate("R519") < 0.2);
    }
}
