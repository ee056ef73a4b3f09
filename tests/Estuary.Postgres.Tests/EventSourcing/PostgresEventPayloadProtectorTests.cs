using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Estuary.Postgres.Tests.Flows;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Postgres.Tests.EventSourcing;

/// <summary>Subjects' keys in PostgreSQL, wrapped with a master key: crypto-shredding that survives restarts.</summary>
public sealed class PostgresEventPayloadProtectorTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly byte[] s_masterKey = RandomNumberGenerator.GetBytes(32);

    private PostgresEventPayloadProtector Protector(byte[]? masterKey = null) => new(database.DataSource, new MasterKeys("k1", masterKey ?? s_masterKey), database.Options);

    [Fact]
    public async Task A_member_protected_by_one_instance_is_read_by_another_until_the_subject_is_forgotten()
    {
        var subject = Guid.NewGuid().ToString("D");
        var secret = """ "ada@example.com" """u8.ToArray();
        var first = await Protector().ProtectAsync(subject, secret, Context, default);
        var second = await Protector().ProtectAsync(subject, secret, Context, default);

        // Another process with the same master key: the key came from the table, and was made once.
        Assert.Equal(secret, await Protector().UnprotectAsync(subject, first, Context, default));
        Assert.Equal(secret, await Protector().UnprotectAsync(subject, second, Context, default));
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM {schema}.subject_keys WHERE subject = $1", subject));
        Assert.DoesNotContain("ada", Encoding.UTF8.GetString(first), StringComparison.Ordinal);

        await Protector().ForgetAsync(subject, default);

        Assert.Null(await Protector().UnprotectAsync(subject, first, Context, default));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM {schema}.subject_keys WHERE subject = $1", subject));
    }

    [Fact]
    public async Task Keys_do_not_open_under_another_master_key_nor_for_another_subject()
    {
        var subject = Guid.NewGuid().ToString("D");
        var protectedValue = await Protector().ProtectAsync(subject, "42"u8.ToArray(), Context, default);

        await Assert.ThrowsAnyAsync<CryptographicException>(async () => await Protector(RandomNumberGenerator.GetBytes(32)).UnprotectAsync(subject, protectedValue, Context, default));

        // A key row copied to another subject does not open: each wrapped key is bound to its subject.
        var other = Guid.NewGuid().ToString("D");
        await database.ScalarAsync<int>("INSERT INTO {schema}.subject_keys (subject, master_key_id, wrapped_key, created_at) SELECT $2, master_key_id, wrapped_key, created_at FROM {schema}.subject_keys WHERE subject = $1 RETURNING 1", subject, other);
        await Assert.ThrowsAnyAsync<CryptographicException>(async () => await Protector().UnprotectAsync(other, protectedValue, Context, default));
    }

    [Fact]
    public async Task Rotating_the_master_key_rewraps_every_key_and_old_data_stays_readable()
    {
        // A schema of its own: the rewrap goes over every row of the table.
        var options = new PostgresOptions { SchemaName = "t_" + Guid.NewGuid().ToString("N") };
        var newKey = RandomNumberGenerator.GetBytes(32);
        try
        {
            var before = new PostgresEventPayloadProtector(database.DataSource, new MasterKeys("2025", s_masterKey), options);
            var subjects = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid().ToString("D")).ToArray();
            var values = await Task.WhenAll(subjects.Select(async subject => await before.ProtectAsync(subject, "7"u8.ToArray(), Context, default)));
            var onlyNew = new PostgresEventPayloadProtector(database.DataSource, new MasterKeys("2026", newKey), options);
            var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await onlyNew.UnprotectAsync(subjects[0], values[0], Context, default));
            Assert.Contains("master key '2025'", error.Message, StringComparison.Ordinal);

            var rotating = new PostgresEventPayloadProtector(database.DataSource, new MasterKeys("2026", newKey).WithPrevious("2025", s_masterKey), options);
            Assert.Equal("7"u8.ToArray(), await rotating.UnprotectAsync(subjects[1], values[1], Context, default));
            Assert.Equal(3, await rotating.RewrapAsync());
            Assert.Equal(0, await rotating.RewrapAsync());

            for (var i = 0; i < subjects.Length; i++)
            {
                Assert.Equal("7"u8.ToArray(), await onlyNew.UnprotectAsync(subjects[i], values[i], Context, default));
            }

            // A host still on the old master key alone cannot open the rewrapped keys, and says why.
            error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await before.UnprotectAsync(subjects[0], values[0], Context, default));
            Assert.Contains("master key '2026'", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await database.ScalarAsync<int>($"DROP SCHEMA IF EXISTS \"{options.SchemaName}\" CASCADE; SELECT 1");
        }
    }

    [Fact]
    public async Task Writers_protecting_for_a_new_subject_at_once_share_one_key()
    {
        var subject = Guid.NewGuid().ToString("D");
        var protectors = Enumerable.Range(0, 8).Select(_ => Protector()).ToArray();

        var values = await Task.WhenAll(protectors.Select(p => Task.Run(async () => await p.ProtectAsync(subject, "1"u8.ToArray(), Context, default))));

        foreach (var value in values)
        {
            Assert.Equal("1"u8.ToArray(), await Protector().UnprotectAsync(subject, value, Context, default));
        }
    }

    [Fact]
    public async Task A_key_made_in_a_unit_of_work_that_rolls_back_is_gone_with_it()
    {
        await using var host = Host();
        var subject = Guid.NewGuid().ToString("D");

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.GetRequiredService<PostgresUnitOfWork>().RunAsync(async token =>
        {
            await host.GetRequiredService<IEventPayloadProtector>().ProtectAsync(subject, "1"u8.ToArray(), Context, token);
            throw new InvalidOperationException("roll back");
        }));

        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM {schema}.subject_keys WHERE subject = $1", subject));
    }

    [Fact]
    public async Task A_forgotten_patient_loads_without_the_name_and_the_stored_event_never_held_it_in_clear()
    {
        await using var host = Host();
        var id = Guid.NewGuid();
        await host.GetRequiredService<ICommandBus>().SendAsync(new AdmitPatient(id, "Ada Lovelace", "east"));
        var repository = host.GetRequiredService<EventSourcedRepository<Patient>>();
        Assert.Equal("Ada Lovelace", (await repository.LoadAsync(id.ToString("D"), default))!.Aggregate.Name);
        var stored = Assert.Single(await host.GetRequiredService<IEventStore>().ReadStreamAsync("pg.patient-" + id.ToString("D")));
        Assert.DoesNotContain("Lovelace", Encoding.UTF8.GetString(stored.Data.Span), StringComparison.Ordinal);

        await host.GetRequiredService<IEventPayloadProtector>().ForgetAsync(id.ToString("D"), default);

        var patient = (await repository.LoadAsync(id.ToString("D"), default))!.Aggregate;
        Assert.Equal((null, "east"), (patient.Name, patient.Ward));
    }

    [Fact]
    public async Task A_snapshot_never_holds_personal_data_in_clear_and_a_forgotten_resident_loads_without_it()
    {
        await using var host = Host();
        var id = Guid.NewGuid();
        var name = "Ada Lovelace " + id.ToString("N");
        await host.GetRequiredService<ICommandBus>().SendAsync(new RegisterResident(id, name, "A1"));
        await host.GetRequiredService<ICommandBus>().SendAsync(new MoveResident(id, "B2"));
        var repository = host.GetRequiredService<EventSourcedRepository<Resident>>();

        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM {schema}.documents WHERE collection = 'snapshots:pg.resident' AND id = $1", id.ToString("D")));
        Assert.Equal(0L, await RowsHoldingAsync(name));
        Assert.Equal((name, "B2", 2L), Describe((await repository.LoadAsync(id.ToString("D"), default))!.Aggregate));

        await host.GetRequiredService<IEventPayloadProtector>().ForgetAsync(id.ToString("D"), default);

        Assert.Equal((null, "B2", 2L), Describe((await repository.LoadAsync(id.ToString("D"), default))!.Aggregate));
    }

    [Fact]
    public async Task A_snapshot_of_a_deleted_stream_is_not_loaded()
    {
        await using var host = Host();
        var id = Guid.NewGuid();
        await host.GetRequiredService<ICommandBus>().SendAsync(new RegisterResident(id, "Grace", "A1"));
        await host.GetRequiredService<ICommandBus>().SendAsync(new MoveResident(id, "B2"));

        await host.GetRequiredService<IEventStore>().DeleteStreamAsync("pg.resident-" + id.ToString("D"));

        Assert.Null(await host.GetRequiredService<EventSourcedRepository<Resident>>().LoadAsync(id.ToString("D"), default));
    }

    private static (string? Name, string Room, long Version) Describe(Resident resident) => (resident.Name, resident.Room, resident.Version);

    // Every row of every table of the schema, as text, that contains the value.
    private async Task<long> RowsHoldingAsync(string value)
    {
        long rows = 0;
        await using var tables = database.DataSource.CreateCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1");
        tables.Parameters.Add(new Npgsql.NpgsqlParameter { Value = database.Schema });
        var names = new System.Collections.Generic.List<string>();
        await using (var reader = await tables.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        Assert.Contains("documents", names);
        foreach (var table in names)
        {
            rows += await database.ScalarAsync<long>($"SELECT count(*) FROM {{schema}}.\"{table}\" t WHERE t::text LIKE '%' || $1 || '%'", value);
        }

        return rows;
    }

    [Fact]
    public void A_master_key_of_the_wrong_size_fails_at_registration()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddEstuary(estuary =>
            estuary.UsePostgres(database.DataSource, postgres => postgres.ProtectSensitiveData(new MasterKeys("k1", new byte[16])))));

        Assert.Contains("32 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_opens_only_in_the_context_it_was_protected_for()
    {
        var subject = Guid.NewGuid().ToString("D");
        var value = await Protector().ProtectAsync(subject, "42"u8.ToArray(), "event a member email", default);

        Assert.Equal("42"u8.ToArray(), await Protector().UnprotectAsync(subject, value, "event a member email", default));
        await Assert.ThrowsAnyAsync<CryptographicException>(async () => await Protector().UnprotectAsync(subject, value, "event b member email", default));
        await Assert.ThrowsAnyAsync<CryptographicException>(async () => await Protector().UnprotectAsync(subject, value, string.Empty, default));
    }

    private const string Context = "event 1 member name";

    private ServiceProvider Host()
    {
        var services = new ServiceCollection();
        services.AddEstuary(estuary => estuary
            .AddModule<PostgresFlowsModule>()
            .UsePostgres(database.DataSource, postgres =>
            {
                postgres.Options.SchemaName = database.Schema;
                postgres.AddChannel(AccountHandlers.Channel);
                postgres.ProtectSensitiveData(new MasterKeys("k1", s_masterKey));
            }));
        return services.BuildServiceProvider();
    }
}
