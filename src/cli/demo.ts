import { runDemo, type DemoSummary } from '../demo/run-demo.js';
import { EXIT_OK, type Command } from './command.js';

export const demoCommand: Command = {
  name: 'demo',
  summary:
    'Play the whole loop on the built-in Bitrix24 emulator and print the chat (--json: the summary only)',
  usage: 'standup-bot demo [--json]',
  options: { json: { type: 'boolean', description: 'print only the summary, as one JSON object' } },
  async run(values, io) {
    const json = values.json === true;
    const summary = await runDemo({
      quiet: json,
      color: process.stdout.isTTY === true,
      write: io.out,
    });
    io.out(json ? JSON.stringify(summary) : describe(summary));
    return EXIT_OK;
  },
};

function describe(s: DemoSummary): string {
  return [
    '',
    '═══ Итог демо / summary ═══',
    `Менеджеров: ${s.managers}; отстают: ${s.lagging}; вопросов отправлено: ${s.questionsSent}; ответов: ${s.answers}`,
    `Руководитель: утвердил ${s.approved}, поправил ${s.corrected}, на планёрку ${s.discussed}; действий руководителя: ${s.headActions}`,
    `Проверка срока: выполнено ${s.held}, не выполнено ${s.notHeld}`,
    `HTTP-запросов к порталу: ${s.httpRequests} (сбор цифр: ${s.standupRequests}); время: ${s.seconds} с`,
  ].join('\n');
}
