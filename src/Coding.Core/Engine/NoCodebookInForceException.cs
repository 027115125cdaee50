using Coding.Core.Suggestions;

namespace Coding.Core.Engine;

/// <summary>
/// No release of the code system covers the date of service (or none is imported). Retrying cannot help until
/// someone imports the right year, so the encounter fails with reason <c>no-codebook-in-force</c>. Carries no PHI: the
/// message (which becomes the dead letter's reason) names no date; the date is a property for callers that need it.
/// </summary>
public sealed class NoCodebookInForceException(CodeSystem system, DateOnly dateOfService, string detail)
    : Exception($"No {system} codebook in force on the encounter's date of service: {detail}.")
{
    public CodeSystem System { get; } = system;
    public DateOnly DateOfService { get; } = dateOfService;
}
