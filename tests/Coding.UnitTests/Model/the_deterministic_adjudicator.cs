using Coding.Core.Adjudication;

namespace Coding.UnitTests.Model;

public sealed class the_deterministic_adjudicator
{
    [Fact]
    public async Task keeps_every_candidate_with_its_score_best_first_and_its_supporting_sentences()
    {
        var request = SyntheticAdjudications.Create(seed: 2, candidates: 5);
        var result = await new DeterministicAdjudicator().AdjudicateAsync(request, CancellationToken.None);
        Assert.Equal(request.Candidates.OrderByDescending(c => c.DeterministicScore).Select(c => c.Code), result.Codes.Select(c => c.Code));
        Assert.All(result.Codes, c =>
        {
            var candidate = request.Candidates.Single(x => x.Code == c.Code);
            Assert.Equal(candidate.DeterministicScore, c.Confidence);
            Assert.Equal(candidate.SupportingSentenceIds, c.EvidenceSentenceIds);
        });
        Assert.Equal("deterministic", result.Provenance.Backend);
        Assert.False(result.FellBack);
    }
}
