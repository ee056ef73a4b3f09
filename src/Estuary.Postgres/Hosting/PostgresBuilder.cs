using System;
using Estuary.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Estuary.Postgres;

/// <summary>Configures Estuary's PostgreSQL storage and declares Postgres channels. Obtained from <c>UsePostgres</c>.</summary>
public sealed class PostgresBuilder
{
    internal PostgresBuilder(EstuaryBuilder estuary, PostgresOptions options)
    {
        Estuary = estuary;
        Options = options;
    }

    /// <summary>The host's Estuary builder.</summary>
    public EstuaryBuilder Estuary { get; }

    /// <summary>The schema and whether it is created on first use.</summary>
    public PostgresOptions Options { get; }

    /// <summary>Declares a channel stored in the queue table (see <see cref="PostgresQueueChannel"/>).</summary>
    public PostgresBuilder AddChannel(string name, Action<ConsumerSettings>? configure = null)
    {
        Estuary.AddChannel(name, provider => CreateChannel(name, provider), configure);
        return this;
    }

    private static PostgresQueueChannel CreateChannel(string name, IServiceProvider provider)
    {
        var database = provider.GetRequiredService<PostgresDatabase>();
        var consumer = provider.GetRequiredService<Runtime.EstuaryRuntime>().Channels.RegistrationOf(name).Consumer;

        // When the consumer's marks go to this database, each claim records its message's mark in the
        // same round trip; any other store (an application's own, another database) writes its own marks.
        var claimMarks = consumer.Deduplicate
            && provider.GetService<IDeduplicationStore>() is PostgresDeduplicationStore marks
            && marks.Database.DataSource == database.DataSource
                ? marks
                : null;
        return new PostgresQueueChannel(name, database, provider.GetService<ILoggerFactory>(), consumer.MaxPayloadBytes, claimMarks);
    }

    /// <summary>
    /// Stores the keys of subjects with <see cref="SensitiveAttribute"/> event members in this database,
    /// each encrypted with the current key of <paramref name="masterKeys"/> (see
    /// <see cref="PostgresEventPayloadProtector"/>). Keep the master keys out of the database (a key
    /// vault, a secret store); losing them loses every sensitive member.
    /// </summary>
    public PostgresBuilder ProtectSensitiveData(MasterKeys masterKeys)
    {
        ArgumentNullException.ThrowIfNull(masterKeys);
        Estuary.Services.AddSingleton<IEventPayloadProtector>(provider => new PostgresEventPayloadProtector(provider.GetRequiredService<PostgresDatabase>(), masterKeys));
        return this;
    }
}
