namespace Coding.Contracts;

/// <summary>
/// An encounter's documentation is complete and its note is stored: code it.
/// Carries ids only — the note text is PHI and is read from the database inside the consumer.
/// </summary>
public record EncounterFinished(Guid EncounterId, string ExternalId, DateOnly DateOfService);
