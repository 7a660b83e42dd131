import { expect, type Page } from '@playwright/test';
import type { BankInput } from '../../src/core/bank/schema.ts';

// Answers a seed question correctly the way a student would: with the mouse, or with the
// keyboard alone. The test knows the key from the bank file; the page never sees it.

export type Question = BankInput['questions'][number];
export type Input = 'mouse' | 'keyboard';

export async function goToQuestion(page: Page, number: number, prompt: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^Question ${number},`) }).click();
  await expect(page.getByRole('heading', { level: 2, name: prompt })).toBeVisible();
}

const panel = (page: Page) => page.getByRole('main');

function optionText(options: { id: string; text: string }[], id: string): string {
  const option = options.find((o) => o.id === id);
  if (!option) throw new Error(`no option ${id}`);
  return option.text;
}

/** The number key of an option as shown on screen (1-based position). */
async function numberKeyOf(page: Page, role: 'radio' | 'checkbox', name: string, scope = panel(page)): Promise<string> {
  const names = await scope
    .getByRole(role)
    .evaluateAll((inputs) => inputs.map((input) => (input.closest('label')?.textContent ?? '').replace(/\s+/g, ' ').trim()));
  const index = names.findIndex((n) => n.includes(name));
  if (index < 0) throw new Error(`no ${role} named ${name} among ${names.join(' | ')}`);
  return String(index + 1);
}

export async function answerCorrectly(page: Page, question: Question, input: Input): Promise<void> {
  const main = panel(page);
  switch (question.type) {
    case 'single-choice': {
      const text = optionText(question.options, question.correct);
      if (input === 'mouse') await main.getByRole('radio', { name: text }).check();
      else {
        await main.getByRole('radio').first().focus();
        await page.keyboard.press(await numberKeyOf(page, 'radio', text));
      }
      await expect(main.getByRole('radio', { name: text })).toBeChecked();
      return;
    }
    case 'multiple-select': {
      for (const id of question.correct) {
        const text = optionText(question.options, id);
        if (input === 'mouse') await main.getByRole('checkbox', { name: text }).check();
        else {
          await main.getByRole('checkbox').first().focus();
          await page.keyboard.press(await numberKeyOf(page, 'checkbox', text));
        }
        await expect(main.getByRole('checkbox', { name: text })).toBeChecked();
      }
      return;
    }
    case 'true-false-not-given': {
      const label = { true: 'True', false: 'False', 'not-given': 'Not given' }[question.answer];
      if (input === 'mouse') await main.getByRole('radio', { name: label }).check();
      else {
        await main.getByRole('radio').first().focus();
        await page.keyboard.press({ true: 't', false: 'f', 'not-given': 'n' }[question.answer]);
      }
      await expect(main.getByRole('radio', { name: label })).toBeChecked();
      return;
    }
    case 'short-answer': {
      const field = main.getByLabel('Your answer');
      await field.fill(question.accepted[0]!);
      // Typing is saved after a pause; Enter saves (or, in immediate mode, checks) at once.
      if (input === 'keyboard') await field.press('Enter');
      return;
    }
    case 'cloze': {
      for (const [i, gap] of question.gaps.entries()) {
        const field = main.getByLabel(`Gap ${i + 1}`, { exact: true });
        if (input === 'mouse') {
          await field.click();
          await field.fill(gap.accepted[0]!);
        } else {
          await field.focus();
          await page.keyboard.type(gap.accepted[0]!);
        }
      }
      if (input === 'keyboard') await page.keyboard.press('Enter');
      return;
    }
    case 'evidence-selection': {
      for (const quote of question.answer) {
        const sentence = page.getByRole('article').getByRole('checkbox', { name: quote.slice(0, 40) });
        if (input === 'mouse') await sentence.click();
        else {
          await sentence.focus();
          await page.keyboard.press('Space');
        }
        await expect(sentence).toHaveAttribute('aria-checked', 'true');
      }
      return;
    }
    case 'ordering': {
      const items = main.getByRole('list', { name: 'Your order' }).locator('li');
      for (const [target, id] of question.order.entries()) {
        const current = await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-item')));
        let position = current.indexOf(id);
        const text = optionText(question.items, id);
        while (position > target) {
          const up = main.getByRole('button', { name: `Move up: ${text}` });
          if (input === 'mouse' && position - target > 1) {
            await items.nth(position).dragTo(items.nth(target));
            position = (await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-item')))).indexOf(id);
            continue;
          }
          if (input === 'mouse') await up.click();
          else {
            await up.focus();
            await page.keyboard.press('Enter');
          }
          position--;
        }
      }
      await expect(items).toHaveCount(question.order.length);
      expect(await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-item')))).toEqual(question.order);
      const confirm = main.getByRole('button', { name: 'This order is my answer' });
      if (await confirm.isVisible()) await confirm.click();
      return;
    }
    case 'matching': {
      for (const pair of question.pairs) {
        const leftIndex = question.left.findIndex((l) => l.id === pair.left);
        const select = main.getByLabel(`${leftIndex + 1}. ${optionText(question.left, pair.left)}`, { exact: true });
        const text = optionText(question.right, pair.right);
        if (input === 'mouse') await select.selectOption({ label: text });
        else {
          await select.focus();
          // The list is shown in the attempt's own order (never the key's), after "Choose…".
          const shownValues = await select.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
          const index = shownValues.indexOf(pair.right);
          for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
        }
        await expect(select).toHaveValue(pair.right);
      }
      return;
    }
    case 'two-part': {
      const partA = main.getByRole('group', { name: /^Part A/ });
      const partB = main.getByRole('group', { name: /^Part B/ });
      const textA = optionText(question.partA.options, question.partA.correct);
      if (input === 'mouse') await partA.getByRole('radio', { name: textA }).check();
      else {
        await partA.getByRole('radio').first().focus();
        await page.keyboard.press(await numberKeyOf(page, 'radio', textA, partA));
      }
      for (const id of question.partB.correct) {
        const quote = question.partB.options.find((o) => o.id === id)!.quote;
        const box = partB.getByRole('checkbox', { name: quote.slice(0, 40) });
        if (input === 'mouse') await box.check();
        else {
          await partB.getByRole('checkbox').first().focus();
          await page.keyboard.press(await numberKeyOf(page, 'checkbox', quote.slice(0, 40), partB));
        }
        await expect(box).toBeChecked();
      }
      return;
    }
  }
}
