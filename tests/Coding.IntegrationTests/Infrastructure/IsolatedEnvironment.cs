using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Coding.IntegrationTests.Infrastructure;

/// <summary>
/// A database and a RabbitMQ virtual host of their own, so test classes never see each other's rows or messages,
/// on the same real servers. Dropped afterwards.
/// </summary>
public sealed class IsolatedEnvironment : IAsyncDisposable
{
    private IsolatedEnvironment(string name, string connectionString, Uri rabbitMqUri)
    {
        Name = name;
        ConnectionString = connectionString;
        RabbitMqUri = rabbitMqUri;
    }

    public string Name { get; }
    public string ConnectionString { get; }
    public Uri RabbitMqUri { get; }

    public static async Task<IsolatedEnvironment> CreateAsync(string prefix)
    {
        var name = $"{prefix}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5))}";
        await using (var admin = new NpgsqlConnection(LocalInfrastructure.PostgresConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        var cs = new NpgsqlConnectionStringBuilder(LocalInfrastructure.PostgresConnectionString) { Database = name }.ConnectionString;

        using var http = Management();
        (await http.PutAsync($"api/vhosts/{name}", null)).EnsureSuccessStatusCode();
        var user = LocalInfrastructure.RabbitMqUri.UserInfo.Split(':')[0];
        (await http.PutAsJsonAsync($"api/permissions/{name}/{user}", new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
        var rabbit = new UriBuilder(LocalInfrastructure.RabbitMqUri) { Path = "/" + name }.Uri;
        return new IsolatedEnvironment(name, cs, rabbit);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using (var admin = new NpgsqlConnection(LocalInfrastructure.PostgresConnectionString))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        using var http = Management();
        await http.DeleteAsync($"api/vhosts/{Name}");
    }

    private static HttpClient Management()
    {
        var amqp = LocalInfrastructure.RabbitMqUri;
        var http = new HttpClient { BaseAddress = LocalInfrastructure.RabbitMqManagementUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(amqp.UserInfo))));
        return http;
    }
}
