namespace Coding.IntegrationTests.Infrastructure;

internal static class Eventually
{
    /// <summary>Polls until the condition holds; fails with the description when the time is up.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string description)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Not true after {timeout.TotalSeconds:0} s: {description}");
            await Task.Delay(50);
        }
    }
}
