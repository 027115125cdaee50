namespace Coding.IntegrationTests.Infrastructure;

/// <summary>
/// Where the real PostgreSQL and RabbitMQ started by scripts/infra.sh listen, and the logins it made (random
/// passwords, kept in the checkout's .local/infra-secrets.env). The test command exports these; from an IDE run
/// `eval "$(scripts/infra.sh env)"` first.
/// </summary>
internal static class LocalInfrastructure
{
    /// <summary>The app's login: neither superuser nor owner; what every host under test connects as.</summary>
    public static string PostgresConnectionString => Required("CODING_PG");

    /// <summary>The schema owner: creates and drops scratch databases, migrates them, imports codebooks.</summary>
    public static string PostgresOwnerConnectionString => Required("CODING_PG_OWNER");

    public static Uri RabbitMqUri => new(Required("CODING_RABBIT"));

    public static Uri RabbitMqManagementUri => new(Environment.GetEnvironmentVariable("CODING_RABBIT_MGMT") ?? "http://127.0.0.1:27674/");

    private static string Required(string name) => Environment.GetEnvironmentVariable(name)
        ?? throw new InvalidOperationException($"{name} is not set: run the tests through scripts/test.sh, or `eval \"$(scripts/infra.sh env)\"` first");
}
