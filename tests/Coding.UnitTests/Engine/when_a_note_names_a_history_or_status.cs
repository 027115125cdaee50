using Coding.Core.Encounters;
using Coding.Core.Engine;
using Coding.Core.Engine.Priors;

namespace Coding.UnitTests.Engine;

public class when_a_note_names_a_history_or_status
{
    private static CodingRun Code(string text) =>
        DeterministicCoder.Code(text, EngineFixture.Lexicon, CodingPriors.Empty, CareSetting.Inpatient, null, PatientSex.Unknown);

    private static IEnumerable<string> Codes(CodingRun run) => run.Ranked.Select(c => c.Code);

    private static IEnumerable<string> Evidence(string text, CodingRun run, string code) =>
        run.Ranked.Single(c => c.Code == code).Mentions.Select(m => text[m.Match.Start..m.Match.End]);

    [Fact]
    public void a_past_condition_yields_its_personal_history_code_and_never_the_condition_code()
    {
        const string text = "History of respiratory tuberculosis treated in 2001.";
        var run = Code(text);

        Assert.Contains("Z8611", Codes(run));
        Assert.DoesNotContain("A159", Codes(run));
        Assert.Contains(run.Candidates.Excluded, e => e.Code == "A159");
    }

    [Fact]
    public void a_past_history_of_hypertension_is_a_current_chronic_condition_marked_historical()
    {
        const string text = "Past history of essential hypertension treated with enalapril.";
        var run = Code(text);

        var hypertension = run.Candidates.Candidates.Single(c => c.Code == "I10");
        Assert.All(hypertension.Mentions, m => Assert.Equal(Coding.Core.Engine.Preparation.AssertionStatus.Historical, m.Status));
        Assert.Contains("essential hypertension", Evidence(text, run, "I10"), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void a_relatives_condition_yields_neither_the_condition_nor_a_personal_history_code()
    {
        var run = Code("Her father had respiratory tuberculosis.");

        Assert.DoesNotContain("A159", Codes(run));
        Assert.DoesNotContain("Z8611", Codes(run));
    }

    [Theory]
    [InlineData("Ex-smoker since 2010.", "Ex-smoker")]
    [InlineData("He is a former smoker.", "former smoker")]
    public void a_former_smoker_is_coded_as_personal_history_of_nicotine_dependence(string text, string evidence)
    {
        var run = Code(text);

        Assert.Contains("Z87891", Codes(run));
        Assert.Contains(evidence, Evidence(text, run, "Z87891"));
    }

    [Fact]
    public void a_patient_on_hemodialysis_depends_on_renal_dialysis()
    {
        const string text = "End stage renal failure, in a periodic hemodialysis program.";
        var run = Code(text);

        Assert.Contains("Z992", Codes(run));
    }

    [Fact]
    public void a_negated_status_is_never_coded()
    {
        var run = Code("No hemodialysis was needed.");

        Assert.DoesNotContain("Z992", Codes(run));
        Assert.Contains(run.Candidates.Excluded, e => e.Code == "Z992");
    }

    [Fact]
    public void the_weeks_of_gestation_written_as_a_number_give_the_z3a_code()
    {
        const string text = "Pregnant woman at 38 weeks of gestation admitted for labour.";
        var run = Code(text);

        Assert.Contains("Z3A38", Codes(run));
        Assert.Contains("38 weeks of gestation", Evidence(text, run, "Z3A38"));
    }

    [Theory]
    [InlineData("G2P1001 @ 38w2d, presenting in active labor.", "38w2d")]
    [InlineData("She is 38 weeks 2 days today by first-trimester ultrasound.", "38 weeks 2 days")]
    public void the_weeks_of_gestation_as_us_obstetric_notes_write_them_give_the_completed_weeks_under_claims(string text, string evidence)
    {
        var claims = EngineFixture.Lexicon.With(Coding.Core.Engine.Lexicon.StatusTerms.DrugTerms());
        var run = DeterministicCoder.Code(text, claims, CodingPriors.Empty, CareSetting.Inpatient, null, PatientSex.Female);

        Assert.Contains("Z3A38", Codes(run));
        Assert.Contains(evidence, Evidence(text, run, "Z3A38"));
    }

    [Fact]
    public void a_current_cigarette_smoker_is_coded_as_nicotine_dependence_on_cigarettes()
    {
        var run = Code("Male smoker of 20 cigarettes a day.");

        Assert.Contains("F17210", Codes(run));
    }

    [Fact]
    public void an_ex_smoker_is_never_coded_as_a_current_smoker()
    {
        var run = Code("Ex-smoker.");

        Assert.DoesNotContain(Codes(run), c => c.StartsWith("F17", StringComparison.Ordinal));
        Assert.Contains("Z87891", Codes(run));
    }

    [Fact]
    public void a_heavy_drinker_is_coded_as_alcohol_abuse()
    {
        const string text = "He is a heavy drinker.";
        var run = Code(text);

        Assert.Contains("F1010", Codes(run));
        Assert.Contains("heavy drinker", Evidence(text, run, "F1010"));
    }

    [Theory]
    [InlineData("17.7", "Z681")]
    [InlineData("19,9", "Z681")]
    [InlineData("20", "Z6820")]
    [InlineData("26.4", "Z6826")]
    [InlineData("39.9", "Z6839")]
    [InlineData("41", "Z6841")]
    [InlineData("46", "Z6842")]
    [InlineData("59.9", "Z6843")]
    [InlineData("74", "Z6845")]
    public void a_body_mass_index_value_gives_its_adult_z68_code(string value, string code)
    {
        Assert.Contains((value, code), Coding.Core.Engine.Lexicon.StatusTerms.BodyMassIndexValues());
        Assert.Contains(Coding.Core.Engine.Lexicon.StatusTerms.Terms(), t => t.Code == code && t.Text == $"BMI {value}");
    }
}
