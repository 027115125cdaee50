namespace Coding.IntegrationTests.Infrastructure;

/// <summary>A clock pinned at one instant, so numbers that depend on "now" (ages, windows) are exact in a test.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
