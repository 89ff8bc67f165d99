// The files the simulated user types, from an empty editor to the last character.

export interface CorpusFile {
  name: string;
  languageId: string;
  indentUnit: string;
  text: string;
}

const PYTHON = `import json
from pathlib import Path


def load_scores(path):
    with open(path) as f:
        data = json.load(f)
    return {name: int(score) for name, score in data.items()}


def top_players(scores, n=3):
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    return [name for name, _ in ranked[:n]]


class Leaderboard:
    def __init__(self, path):
        self.path = Path(path)
        self.scores = load_scores(self.path)

    def add(self, name, points):
        self.scores[name] = self.scores.get(name, 0) + points

    def save(self):
        self.path.write_text(json.dumps(self.scores, indent=2))
`;

const TYPESCRIPT = `export interface Todo {
  id: number;
  title: string;
  done: boolean;
}

export class TodoList {
  private items: Todo[] = [];
  private nextId = 1;

  add(title: string): Todo {
    const todo = { id: this.nextId++, title, done: false };
    this.items.push(todo);
    return todo;
  }

  toggle(id: number): void {
    const todo = this.items.find((t) => t.id === id);
    if (todo) todo.done = !todo.done;
  }

  remaining(): Todo[] {
    return this.items.filter((t) => !t.done);
  }
}
`;

export const CORPUS: readonly CorpusFile[] = [
  { name: 'leaderboard.py', languageId: 'python', indentUnit: '    ', text: PYTHON },
  { name: 'todo.ts', languageId: 'typescript', indentUnit: '  ', text: TYPESCRIPT },
];
