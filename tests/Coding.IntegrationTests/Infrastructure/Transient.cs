using Npgsql;

namespace Coding.IntegrationTests.Infrastructure;

internal static class Transient
{
    /// <summary>
    /// Retries a test's own database call across a server restart: every pooled connection the restart cut fails once
    /// (57P01) before the pool replaces it.
    /// </summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> action)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action();
            }
            catch (Exception e) when (attempt < 30 && IsTransient(e))
            {
                await Task.Delay(250);
            }
        }
    }

    private static bool IsTransient(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is NpgsqlException { IsTransient: true } or PostgresException { SqlState: PostgresErrorCodes.AdminShutdown })
                return true;
        return false;
    }
}
