/**
 * Agent conversations in model-API requests: which messages a body carries ({@link
 * dev.sieve.dlp.conversation.ConversationReader}: Anthropic Messages, OpenAI Chat Completions and Responses, Gemini
 * generateContent), a keyed hash chain over them that recognises a later turn as extending an earlier one, and which
 * message a finding lies in. Pure: the state of conversations seen (keyed hashes only) is the proxy's.
 */
package dev.sieve.dlp.conversation;
