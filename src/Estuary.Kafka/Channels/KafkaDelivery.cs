using System;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;

namespace Estuary.Kafka;

/// <summary>
/// A record received from a Kafka channel, its offset unstored until the delivery is disposed. The
/// transaction it carries (with a database) commits at the acknowledgement; the record is finished only when
/// the delivery is disposed, after the messages its handler sent were forwarded: the next record of its key
/// starts only then, so what one key's handlers send leaves in the key's order, and its offset is stored
/// once every record before it in its partition is finished too. A crash in between brings the record back,
/// and its committed deduplication mark makes it a duplicate. Disposed without an outcome, or when the
/// commit fails, the transaction rolls back and the record is handed out again, first of its key.
/// </summary>
internal sealed class KafkaDelivery(KafkaChannel channel, BufferedRecord record, ITransactionSession? session) : IChannelDelivery
{
    private bool _ended;

    // Settled (acknowledged, retried or dead-lettered): finished when disposed, after the sent messages went out.
    private bool _settled;

    public ChannelMessage Message => record.Message;

    public Exception? ReadError => record.ReadError;

    public ITransactionSession? Session => session;

    public async ValueTask AcknowledgeAsync(CancellationToken cancellationToken)
    {
        End();
        await CommitOrGiveBackAsync(cancellationToken).ConfigureAwait(false);
        _settled = true;
    }

    /// <summary>
    /// The copy goes to the retry topic of its delay (acknowledged by the brokers) before this record is
    /// finished: a crash in between leaves both, and deduplication keeps the handler from running twice.
    /// </summary>
    public async ValueTask RetryAsync(ChannelMessage retry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retry);
        End();
        await CommitOrGiveBackAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await channel.SendAsync(retry, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            channel.Consumer.GiveBack(record);
            throw;
        }

        _settled = true;
    }

    /// <summary>With a dead-letter topic, the record goes there (acknowledged) before it is finished.</summary>
    public async ValueTask<bool> DeadLetterAsync(DeadLetter entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (channel.DeadLetterTopic is null)
        {
            return false;
        }

        await channel.PublishDeadLetterAsync(record, entry, cancellationToken).ConfigureAwait(false);
        await AcknowledgeAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await EndSessionAsync(commit: false, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            if (_settled)
            {
                _settled = false;
                channel.Consumer.Finished(record);
            }
            else if (!_ended)
            {
                _ended = true;
                channel.Consumer.GiveBack(record);
            }
        }
    }

    // A record whose work did not commit must come again: its key and its partition's offset wait for it.
    private async ValueTask CommitOrGiveBackAsync(CancellationToken cancellationToken)
    {
        try
        {
            await EndSessionAsync(commit: true, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            channel.Consumer.GiveBack(record);
            throw;
        }
    }

    private ValueTask EndSessionAsync(bool commit, CancellationToken cancellationToken)
    {
        var ending = session;
        session = null;
        return ending is null ? default : ending.EndAsync(commit, cancellationToken);
    }

    private void End()
    {
        if (_ended)
        {
            throw new InvalidOperationException($"The delivery of {Message} already ended: acknowledge or retry a delivery once, then dispose it.");
        }

        _ended = true;
    }
}
