namespace Coding.Contracts;

/// <summary>A suggestion set was stored for an encounter and is ready for a coder.</summary>
public record CodesSuggested(
    Guid EncounterId,
    Guid SuggestionSetId,
    int SuggestionCount,
    string Engine,
    string EngineVersion,
    DateTimeOffset SuggestedAt);
