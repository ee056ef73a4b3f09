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
public sealed class PostgresEventPayloadProtectorTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly byte[] s_masterKey = RandomNumberGenerator.GetBytes(32);

    private PostgresEventPayloadProtector Protector(byte[]? masterKey = null) => new(database.DataSource, new MasterKeys("k1", masterKey ?? s_masterKey), database.Options);

    [Fact]
    public async Task A_member_protected_by_one_instance_is_read_by_another_until_the_subject_is_forgotten()
    {
        var subject = Guid.NewGuid().ToString("D");
        var secret = """ "ada@example.com" """u8.ToArray();
        var first = await Protector().ProtectAsync(subject, secret, default);
        var second = await Protector().ProtectAsync(subject, secret, default);

        // Another process with the same master key: the key came from the table, and was made once.
        Assert.Equal(secret, await Protector().UnprotectAsync(subject, first, default));
        Assert.Equal(secret, await Protector().UnprotectAsync(subject, second, default));
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM {schema}.subject_keys WHERE subject = $1", subject));
        Assert.DoesNotContain("ada", Encoding.UTF8.GetString(first), StringComparison.Ordinal);

        await Protector().ForgetAsync(subject, default);

        Assert.Null(await Protector().UnprotectAsync(subject, first, default));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM {schema}.subject_keys WHERE subject = $1", subject));
    }

    [Fact]
    public async Task Keys_do_not_open_under_another_master_key_nor_for_another_subject()
    {
        var subject = Guid.NewGuid().ToString("D");
        var protectedValue = await Protector().ProtectAsync(subject, "42"u8.ToArray(), default);

        await Assert.ThrowsAnyAsync<CryptographicException>(async () => await Protector(RandomNumberGenerator.GetBytes(32)).UnprotectAsync(subject, protectedValue, default));

        // A key row copied to another subject does not open: each wrapped key is bound to its subject.
        var other = Guid.NewGuid().ToString("D");
        await database.ScalarAsync<int>("INSERT INTO {schema}.subject_keys (subject, master_key_id, wrapped_key, created_at) SELECT $2, master_key_id, wrapped_key, created_at FROM {schema}.subject_keys WHERE subject = $1 RETURNING 1", subject, other);
        await Assert.ThrowsAnyAsync<CryptographicException>(async () => await Protector().UnprotectAsync(other, protectedValue, default));
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
            var values = await Task.WhenAll(subjects.Select(async subject => await before.ProtectAsync(subject, "7"u8.ToArray(), default)));
            var onlyNew = new PostgresEventPayloadProtector(database.DataSource, new MasterKeys("2026", newKey), options);
            var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await onlyNew.UnprotectAsync(subjects[0], values[0], default));
            Assert.Contains("master key '2025'", error.Message, StringComparison.Ordinal);

            var rotating = new PostgresEventPayloadProtector(database.DataSource, new MasterKeys("2026", newKey).WithPrevious("2025", s_masterKey), options);
            Assert.Equal("7"u8.ToArray(), await rotating.UnprotectAsync(subjects[1], values[1], default));
            Assert.Equal(3, await rotating.RewrapAsync());
            Assert.Equal(0, await rotating.RewrapAsync());

            for (var i = 0; i < subjects.Length; i++)
            {
                Assert.Equal("7"u8.ToArray(), await onlyNew.UnprotectAsync(subjects[i], values[i], default));
            }

            // A host still on the old master key alone cannot open the rewrapped keys, and says why.
            error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await before.UnprotectAsync(subjects[0], values[0], default));
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

        var values = await Task.WhenAll(protectors.Select(p => Task.Run(async () => await p.ProtectAsync(subject, "1"u8.ToArray(), default))));

        foreach (var value in values)
        {
            Assert.Equal("1"u8.ToArray(), await Protector().UnprotectAsync(subject, value, default));
        }
    }

    [Fact]
    public async Task A_key_made_in_a_unit_of_work_that_rolls_back_is_gone_with_it()
    {
        await using var host = Host();
        var subject = Guid.NewGuid().ToString("D");

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.GetRequiredService<PostgresUnitOfWork>().RunAsync(async token =>
        {
            await host.GetRequiredService<IEventPayloadProtector>().ProtectAsync(subject, "1"u8.ToArray(), token);
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
    public void A_master_key_of_the_wrong_size_fails_at_registration()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddEstuary(estuary =>
            estuary.UsePostgres(database.DataSource, postgres => postgres.ProtectSensitiveData(new MasterKeys("k1", new byte[16])))));

        Assert.Contains("32 bytes", error.Message, StringComparison.Ordinal);
    }

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
