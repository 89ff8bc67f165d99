import * as assert from 'node:assert/strict';
import { definedName } from '../../../../src/core/context/lexicalDefinitions';

describe('definedName', () => {
  const cases: Array<[line: string, name: string | undefined]> = [
    ['def total(a, b):', 'total'],
    ['    async def fetch(self):', 'fetch'],
    ['class Invoice(Base):', 'Invoice'],
    ['VAT_RATES = {"DE": 0.19}', 'VAT_RATES'],
    ['export function addDays(date: Date, days: number): Date {', 'addDays'],
    ['export default class App {', 'App'],
    ['export interface Task {', 'Task'],
    ['export type Priority = "low";', 'Priority'],
    ['export const PRIORITY_ORDER = {};', 'PRIORITY_ORDER'],
    ['const local = 1;', 'local'],
    ['  createTask(title: string): Task {', 'createTask'],
    ['  private async send(method: string): Promise<Response> {', 'send'],
    ['pub fn parse(input: &str) -> Result<()> {', 'parse'],
    ['func (s *Server) Start() error {', undefined],
    ['func Start() error {', 'Start'],
    ['    const inner = 2;', undefined],
    ['  if (ready) {', undefined],
    ['  constructor(private readonly a: A) {', undefined],
    ['    return compute(a);', undefined],
    ['x = 1', undefined],
  ];
  for (const [line, name] of cases) it(JSON.stringify(line), () => assert.equal(definedName(line), name));
});
