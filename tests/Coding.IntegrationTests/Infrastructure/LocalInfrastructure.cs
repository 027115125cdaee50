namespace Coding.IntegrationTests.Infrastructure;

/// <summary>
/// Where the real PostgreSQL and RabbitMQ started by scripts/infra.sh listen. The test command exports these;
/// the defaults match the script's, so an IDE run works once `scripts/infra.sh start` has run.
/// </summary>
internal static class LocalInfrastructure
{
    public static string PostgresConnectionString =>
        Environment.GetEnvironmentVariable("CODING_PG") ?? "Host=127.0.0.1;Port=27432;Database=coding;Username=coding;Password=coding";

    public static Uri RabbitMqUri => new(Environment.GetEnvironmentVariable("CODING_RABBIT") ?? "amqp://coding:coding@127.0.0.1:27672/");

    public static Uri RabbitMqManagementUri => new(Environment.GetEnvironmentVariable("CODING_RABBIT_MGMT") ?? "http://127.0.0.1:27674/");
}
