using Coding.Core.Suggestions;

namespace Coding.Core.Engine;

/// <summary>
/// No release of the code system covers the date of service (or none is imported). Retrying cannot help until
/// someone imports the right year, so the encounter fails with reason <c>no-codebook-in-force</c>. Carries no PHI.
/// </summary>
public sealed class NoCodebookInForceException(CodeSystem system, DateOnly dateOfService, string detail)
    : Exception($"No {system} codebook in force on {dateOfService:yyyy-MM-dd}: {detail}.")
{
    public CodeSystem System { get; } = system;
    public DateOnly DateOfService { get; } = dateOfService;
}
