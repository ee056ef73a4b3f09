using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace Estuary.EntityFrameworkCore.Tests;

/// <summary>
/// The test server (ESTUARY_POSTGRES) with a fresh schema for one test class, dropped at the end.
/// <see cref="ConnectionString"/> puts that schema first on the search path, so the contexts' unqualified
/// tables and Estuary's tables (<see cref="Schema"/> given to UsePostgres) all land in it.
/// </summary>
public sealed class EntityFrameworkDatabase : IAsyncLifetime
{
    private const string Variable = "ESTUARY_POSTGRES";

    private readonly HashSet<Type> _created = [];
    private NpgsqlDataSource? _dataSource;

    /// <summary>The schema of this test class.</summary>
    public string Schema { get; } = "ef_" + Guid.NewGuid().ToString("N");

    /// <summary>The server's connection string with <see cref="Schema"/> as the search path.</summary>
    public string ConnectionString => Server + $";Search Path={Schema}";

    public static string Server =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException(
                $"{Variable} is not set, so the EF Core integration tests cannot run. Start the test server and export its connection string: "
                + "eng/services.sh start && eval \"$(eng/services.sh env)\" (eng/test.sh does both).");

    private NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("The database is not initialised.");

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(Server);
        await using var create = _dataSource.CreateCommand($"CREATE SCHEMA \"{Schema}\"");
        await create.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is null)
        {
            return;
        }

        await using (var drop = _dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{Schema}\" CASCADE"))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await _dataSource.DisposeAsync();
    }

    /// <summary>A context factory on <see cref="ConnectionString"/>, as an application registers it.</summary>
    public IDbContextFactory<TContext> Factory<TContext>()
        where TContext : DbContext =>
        new ServiceCollection()
            .AddDbContextFactory<TContext>(options => options.UseNpgsql(ConnectionString))
            .BuildServiceProvider()
            .GetRequiredService<IDbContextFactory<TContext>>();

    /// <summary>
    /// Creates the tables of <typeparamref name="TContext"/>'s model in <see cref="Schema"/>, once per class
    /// (each test calls it). Not EnsureCreated: it does nothing once the database has any table, and other
    /// test classes' schemas have some.
    /// </summary>
    public async Task CreateTablesAsync<TContext>()
        where TContext : DbContext
    {
        // Tests of one class run one after the other, so no lock.
        if (!_created.Add(typeof(TContext)))
        {
            return;
        }

        await using var context = await Factory<TContext>().CreateDbContextAsync();
        await context.GetService<IRelationalDatabaseCreator>().CreateTablesAsync();
    }

    /// <summary>Runs a statement on a connection of its own; {schema} names the test schema.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql.Replace("{schema}", $"\"{Schema}\"", StringComparison.Ordinal));
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs a scalar query on a connection of its own (outside every test transaction); {schema} names the test schema.</summary>
    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql.Replace("{schema}", $"\"{Schema}\"", StringComparison.Ordinal));
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }
}
