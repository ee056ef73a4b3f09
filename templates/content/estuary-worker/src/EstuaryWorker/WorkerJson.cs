using System.Text.Json.Serialization;
using EstuaryWorker.Accounts;

namespace EstuaryWorker;

// Stored events and messages that cross a channel are serialized with System.Text.Json
// source-generated metadata, so the worker needs no reflection and publishes as NativeAOT.
[JsonSerializable(typeof(AccountOpened))]
[JsonSerializable(typeof(MoneyDeposited))]
internal sealed partial class WorkerJson : JsonSerializerContext;
