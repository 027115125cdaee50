using System.Text.Json.Nodes;
using Coding.Core.Engine;
using Coding.Core.Suggestions;

namespace Coding.IntegrationTests.Model;

/// <summary>What every model-adjudicated set must be, whichever backend answered.</summary>
internal static class AdjudicatedSets
{
    /// <summary>
    /// The set is not empty, every suggestion is an engine candidate with evidence that equals the note at its offsets;
    /// returns each suggestion's adjudication provenance for the backend-specific checks.
    /// </summary>
    public static IReadOnlyList<JsonObject> AssertGrounded(SuggestionSet set, IReadOnlySet<string> candidates, string noteText)
    {
        Assert.NotEmpty(set.Suggestions);
        var provenances = new List<JsonObject>();
        foreach (var suggestion in set.Suggestions)
        {
            Assert.Contains(suggestion.Code, candidates);
            Assert.NotEmpty(suggestion.Evidence);
            Assert.All(suggestion.Evidence, span => Assert.True(EngineEvaluation.SpanIsValid(noteText, span.Start, span.End), $"span [{span.Start},{span.End}) of {suggestion.Code}"));
            provenances.Add(JsonNode.Parse(suggestion.Provenance)!["adjudication"]!.AsObject());
        }
        return provenances;
    }
}
