using Coding.Core.Engine.Lexicon;
using static Coding.UnitTests.Engine.Claims.ClaimsFixture;

namespace Coding.UnitTests.Engine.Claims;

/// <summary>
/// Nicotine dependence is coded by product (Index: Dependence, drug, nicotine - cigarettes F17.21-, - chewing tobacco
/// F17.22-, - specified product NEC F17.29-): an e-cigarette, a cigar or chewing tobacco is not a cigarette.
/// </summary>
public class when_a_note_names_a_tobacco_product
{
    private static readonly TermLexicon WithStatusTerms = Lexicon.With(StatusTerms.Terms());

    private static IReadOnlyList<string> Matched(string text) => ClaimsFixture.Matched(WithStatusTerms, text);

    [Fact]
    public void vaping_nicotine_and_cigarillos_are_another_product() =>
        Assert.Contains("F17290", Matched("Social: vapes nicotine (e-cigarette) daily x 3 yrs. Smokes 4-5 cigarillos daily."));

    [Fact]
    public void chewing_tobacco_is_chewing_tobacco() =>
        Assert.Contains("F17220", Matched("Nicotine dependence, chewing tobacco. Chews tobacco ~1 pouch/day."));

    [Fact]
    public void cigarettes_are_not_another_product()
    {
        var matched = Matched("Social: smokes 1 pack of cigarettes per day, cigarette smoker for 30 years.");
        Assert.Contains("F17210", matched);
        Assert.DoesNotContain("F17290", matched);
        Assert.DoesNotContain("F17220", matched);
    }
}
