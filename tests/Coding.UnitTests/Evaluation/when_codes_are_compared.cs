using Coding.Core.Evaluation;

namespace Coding.UnitTests.Evaluation;

public class when_codes_are_compared
{
    [Theory]
    [InlineData("e11.9", "E11.9")]
    [InlineData(" s72.001a ", "S72.001A")]
    [InlineData("bt41zzz", "BT41ZZZ")]
    public void normalising_upper_cases_and_keeps_the_structure(string code, string expected)
    {
        Assert.Equal(expected, CodeKey.Normalize(code));
    }

    [Theory]
    [InlineData("e11.9", "E119")]
    [InlineData("E119", "E11.9")]
    [InlineData("s72.001a", "S72001A")]
    public void case_and_the_dot_are_ignored(string a, string b)
    {
        Assert.Equal(CodeKey.Match(a), CodeKey.Match(b));
    }

    [Theory]
    [InlineData("e11.9", "E11")]
    [InlineData("I10", "I10")]
    [InlineData("s72.001a", "S72")]
    public void the_category_is_the_first_three_characters(string code, string category)
    {
        Assert.Equal(category, CodeKey.Category(code));
    }

    [Theory]
    [InlineData("S72.001A", "s72.001")]
    [InlineData("T81.4XXA", "t81.4xx")]
    [InlineData("T14.90XA", "t14.90")]
    [InlineData("W19.XXXA", "w19.xxx")]
    [InlineData("S72.001A", "S72.001D")]
    public void injury_and_external_cause_codes_compare_without_the_encounter_character(string engine, string gold)
    {
        // CodiEsp writes these codes without their 7th character, and its placeholders inconsistently; the engine
        // always proposes the initial encounter and the coder sets it.
        Assert.Equal(CodeKey.Match(gold), CodeKey.Match(engine));
        Assert.NotEqual(CodeKey.Exact(gold), CodeKey.Exact(engine));
    }

    [Theory]
    [InlineData("S06.9X0A", "s06.9x")]
    [InlineData("S72.001A", "s72.002")]
    [InlineData("XW033E5", "XW033E")]
    [InlineData("R40.2111", "R40.211")]
    public void every_other_character_still_counts(string engine, string gold)
    {
        // The loss of consciousness (6th character of S06.9X-), the side, an ICD-10-PCS New Technology code, a coma
        // scale's 7th character: none is the encounter.
        Assert.NotEqual(CodeKey.Match(gold), CodeKey.Match(engine));
    }

    [Theory]
    [InlineData("s72.001", "S72001A")]
    [InlineData("t81.4xx", "T814XXA")]
    [InlineData("w19", "W19XXXA")]
    public void a_gold_injury_without_its_7th_character_stands_for_the_initial_encounter(string gold, string initial)
    {
        Assert.Equal(initial, CodeKey.InitialEncounter(gold));
    }

    [Fact]
    public void other_codes_have_no_initial_encounter()
    {
        Assert.Null(CodeKey.InitialEncounter("E11.9"));
        Assert.Null(CodeKey.InitialEncounter("S72.001A"));
    }
}
