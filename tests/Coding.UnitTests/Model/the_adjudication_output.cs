using Coding.Core.Adjudication;

namespace Coding.UnitTests.Model;

public sealed class the_adjudication_output
{
    private static readonly AdjudicationRequest Request = SyntheticAdjudications.Create(seed: 4, candidates: 3);
    private static readonly IReadOnlyList<int> Shown = [0, 1, 2, 3];
    private static readonly AdjudicationPrompt.Limits Limits = new(MaxCodes: 3, MaxEvidencePerCode: 2, RationaleMaxLength: 20);
    private static string Code(int i) => Request.Candidates[i].Code;

    private static AdjudicationOutput.Parsed Parse(string json) => AdjudicationOutput.Parse(json, Request, Shown, Limits);

    [Fact]
    public void a_valid_answer_becomes_codes_with_the_candidates_code_system()
    {
        var p = Parse($$"""{"codes":[{"code":"{{Code(1)}}","evidence":[2,1],"confidence":0.75,"rationale":"documented"}]}""");
        Assert.True(p.IsValid, p.Error);
        var c = Assert.Single(p.Codes!);
        Assert.Equal(Code(1), c.Code);
        Assert.Equal(Request.Candidates[1].System, c.System);
        Assert.Equal([1, 2], c.EvidenceSentenceIds);
        Assert.Equal(0.75, c.Confidence);
    }

    [Fact]
    public void an_empty_list_is_a_valid_answer_meaning_no_candidate_is_supported() =>
        Assert.Empty(Parse("""{"codes":[]}""").Codes!);

    [Fact]
    public void the_rationale_limit_counts_characters_like_the_schema_not_utf16_units()
    {
        var twentyEmoji = string.Concat(Enumerable.Repeat("\U0001F600", 20)); // 20 characters, 40 UTF-16 units
        Assert.True(Parse($$"""{"codes":[{"code":"{{Code(0)}}","evidence":[1],"confidence":0.5,"rationale":"{{twentyEmoji}}"}]}""").IsValid);
        Assert.False(Parse($$"""{"codes":[{"code":"{{Code(0)}}","evidence":[1],"confidence":0.5,"rationale":"{{twentyEmoji}}x"}]}""").IsValid);
    }

    [Fact]
    public void an_empty_list_is_refused_when_the_limits_demand_a_code() =>
        Assert.Contains("fewer than 1 codes", AdjudicationOutput.Parse("""{"codes":[]}""", Request, Shown, Limits with { MinCodes = 1 }).Error, StringComparison.Ordinal);

    [Fact]
    public void a_repeated_code_keeps_its_first_mention()
    {
        var p = Parse($$"""{"codes":[{"code":"{{Code(0)}}","evidence":[1],"confidence":0.9,"rationale":"a"},{"code":"{{Code(0)}}","evidence":[2],"confidence":0.1,"rationale":"b"}]}""");
        Assert.Equal(0.9, Assert.Single(p.Codes!).Confidence);
    }

    [Theory]
    [InlineData("""{"codes":[{"code":"Z99.89","evidence":[1],"confidence":0.5,"rationale":"x"}]}""", "not one of the candidates")]
    [InlineData("""{"codes":[{"code":"@0","evidence":[9],"confidence":0.5,"rationale":"x"}]}""", "not shown")]
    [InlineData("""{"codes":[{"code":"@0","evidence":[],"confidence":0.5,"rationale":"x"}]}""", "evidence must list")]
    [InlineData("""{"codes":[{"code":"@0","evidence":[1,2,3],"confidence":0.5,"rationale":"x"}]}""", "evidence must list")]
    [InlineData("""{"codes":[{"code":"@0","evidence":[1],"confidence":1.5,"rationale":"x"}]}""", "confidence")]
    [InlineData("""{"codes":[{"code":"@0","evidence":[1],"confidence":"high","rationale":"x"}]}""", "confidence")]
    [InlineData("""{"codes":[{"code":"@0","evidence":[1],"confidence":0.5,"rationale":"far too long a rationale here"}]}""", "rationale")]
    [InlineData("""{"codes":[{"code":"@0","evidence":[1],"confidence":0.5,"rationale":"x","extra":1}]}""", "each code must be an object")]
    [InlineData("""{"codes":[],"note":"hi"}""", "one array property")]
    [InlineData("""[]""", "one array property")]
    [InlineData("""{"codes":[{"code":"@0","evidence":[1],"confidence":0.5,"rationale":"x"}""", "not JSON")]
    [InlineData("""Sure! Here is the JSON you asked for""", "not JSON")]
    [InlineData("""{"codes":[{"code":"@0","evidence":[1],"confidence":0.5,"rationale":"\ud800"}]}""", "not valid text")]
    public void rejects_the_whole_answer_for_any_breach(string json, string reason)
    {
        var p = Parse(json.Replace("@0", Code(0), StringComparison.Ordinal));
        Assert.False(p.IsValid);
        Assert.Contains(reason, p.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void rejects_more_codes_than_the_limit()
    {
        var items = string.Join(",", Enumerable.Range(0, 3).Select(i => $$"""{"code":"{{Code(i)}}","evidence":[1],"confidence":0.5,"rationale":"x"}"""));
        Assert.True(Parse($$"""{"codes":[{{items}}]}""").IsValid);
        var p = AdjudicationOutput.Parse($$"""{"codes":[{{items}}]}""", Request, Shown, Limits with { MaxCodes = 2 });
        Assert.Contains("more than 2 codes", p.Error, StringComparison.Ordinal);
    }
}
