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
}
