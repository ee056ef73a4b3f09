using System;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.EventSourcing;

public sealed class SensitiveDataTests
{
    [Fact]
    public async Task Sensitive_members_are_stored_encrypted_and_read_back_for_their_subject()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<IEventPayloadProtector, InMemoryEventPayloadProtector>());
        var id = Guid.NewGuid();

        await host.Commands().SendAsync(new RegisterCustomer(id, "ada@example.org", "NL"));

        var stored = Encoding.UTF8.GetString((await host.GetRequiredService<IEventStore>().ReadStreamAsync("customer-" + id.ToString("D")))[0].Data.Span);
        Assert.DoesNotContain("ada@example.org", stored, StringComparison.Ordinal);
        Assert.Contains("$sealed", stored, StringComparison.Ordinal);
        Assert.Contains("\"NL\"", stored, StringComparison.Ordinal);
        Assert.Equal("ada@example.org in NL", await host.Queries().SendAsync(new GetCustomer(id)));
    }

    [Fact]
    public async Task Forgetting_the_subject_shreds_its_sensitive_members_and_keeps_the_rest()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<IEventPayloadProtector, InMemoryEventPayloadProtector>());
        var forgotten = Guid.NewGuid();
        var kept = Guid.NewGuid();
        await host.Commands().SendAsync(new RegisterCustomer(forgotten, "ada@example.org", "NL"));
        await host.Commands().SendAsync(new RegisterCustomer(kept, "grace@example.org", "US"));

        await host.GetRequiredService<IEventPayloadProtector>().ForgetAsync(forgotten.ToString("D"), default);

        Assert.Equal("(forgotten) in NL", await host.Queries().SendAsync(new GetCustomer(forgotten)));
        Assert.Equal("grace@example.org in US", await host.Queries().SendAsync(new GetCustomer(kept)));
    }

    [Fact]
    public async Task A_sealed_value_copied_into_another_event_of_the_same_subject_does_not_decrypt()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<IEventPayloadProtector, InMemoryEventPayloadProtector>());
        var id = Guid.NewGuid();
        var stream = "customer-" + id.ToString("D");
        await host.Commands().SendAsync(new RegisterCustomer(id, "ada@example.org", "NL"));
        var events = host.GetRequiredService<IEventStore>();
        var original = Assert.Single(await events.ReadStreamAsync(stream));

        // The same bytes, stored as another event: the key is the subject's, but the value was sealed for the first event.
        await events.AppendAsync(stream, ExpectedVersion.Exactly(1), [new EventData(Guid.NewGuid(), original.Type, original.Data, original.Metadata, original.Revision)]);

        var error = await Assert.ThrowsAsync<StoredEventException>(async () => await host.Queries().SendAsync(new GetCustomer(id)));
        Assert.Contains("does not decrypt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Values_protected_for_their_subject_only_are_still_read()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<IEventPayloadProtector, InMemoryEventPayloadProtector>());
        var id = Guid.NewGuid();
        var subject = id.ToString("D");
        var legacy = await host.GetRequiredService<IEventPayloadProtector>().ProtectAsync(subject, "\"old@example.org\""u8.ToArray(), string.Empty, default);
        var json = $$"""{"CustomerId":"{{subject}}","Email":{"$protected":"{{Convert.ToBase64String(legacy)}}"},"Country":"NL"}""";

        await host.GetRequiredService<IEventStore>().AppendAsync(
            "customer-" + subject, ExpectedVersion.NoStream, [new EventData(Guid.NewGuid(), "customer.registered", Encoding.UTF8.GetBytes(json), new EventMetadata { AggregateId = subject })]);

        Assert.Equal("old@example.org in NL", await host.Queries().SendAsync(new GetCustomer(id)));
    }

    [Fact]
    public async Task Events_with_sensitive_members_are_refused_without_a_protector()
    {
        await using var host = TestHost.Create();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await host.Commands().SendAsync(new RegisterCustomer(Guid.NewGuid(), "ada@example.org", "NL")));

        Assert.Contains("IEventPayloadProtector", error.Message, StringComparison.Ordinal);
        Assert.Contains("Email", error.Message, StringComparison.Ordinal);
    }
}
