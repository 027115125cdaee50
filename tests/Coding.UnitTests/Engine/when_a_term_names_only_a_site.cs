using Coding.Core.Engine.Lexicon;

namespace Coding.UnitTests.Engine;

/// <summary>
/// A term whose required keys are all body sites ("Disease, rectum" keyed as "rectum": the generic head is never
/// required) says where, not what; the ranker sees it as feature only-site-words.
/// </summary>
public class when_a_term_names_only_a_site
{
    [Theory]
    [InlineData(new[] { "rectum" }, true)]
    [InlineData(new[] { "kidney", "right" }, true)]
    [InlineData(new[] { "renal" }, true)]
    [InlineData(new[] { "tongue" }, true)]
    [InlineData(new[] { "pain", "rectum" }, false)]
    [InlineData(new[] { "failure", "heart" }, false)]
    [InlineData(new[] { "fever" }, false)]
    [InlineData(new string[0], false)]
    public void only_site_keys_are_a_site_term(string[] keys, bool onlySites)
    {
        Assert.Equal(onlySites, OrganWords.OnlySites(keys));
    }
}
